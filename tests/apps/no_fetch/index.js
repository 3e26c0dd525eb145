// A module with no fetch handler.
export const greeting = "hello";
export default { greeting };
