// An app split over modules inside its folder.
import { greet, VERSION } from "./lib/util.js";
import * as shapes from "./lib/shapes.js";

export default {
  fetch(request) {
    const name = new URL(request.url).searchParams.get("name") ?? "world";
    return new Response(`${greet(name)} v${VERSION} area=${shapes.square(3)}\n`);
  },
};
