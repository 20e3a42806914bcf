
/**
 * Node loads the .wasm when the package is imported: `init` resolves at once and ignores its
 * argument. It exists so code written for the browser build (`await init()`) runs unchanged.
 */
export default function init(moduleOrPath?: unknown): Promise<void>;

/** Node's twin of the web build's `initSync`: nothing to do, the module is already loaded. */
export function initSync(module?: unknown): void;
