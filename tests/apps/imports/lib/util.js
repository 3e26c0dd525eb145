import { shout } from "./shout.js";

export const VERSION = "1.2";

export function greet(name) {
  return `hello, ${shout(name)}`;
}
