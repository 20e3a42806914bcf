// Issue paths ("list[2].name") as segments (["list", 2, "name"]) and back: the package's own
// grammar, the same one its issues are written in.
export { parsePath, formatPath } from "../pkg/web/group_payloads.js";
