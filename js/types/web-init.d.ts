
/** What `init` can load the module from: a URL, a fetch `Response`, the bytes, or a compiled module. */
export type InitInput = RequestInfo | URL | Response | BufferSource | WebAssembly.Module;
/** What `initSync` can instantiate synchronously: the bytes or a compiled module. */
export type SyncInitInput = BufferSource | WebAssembly.Module;

/** The instantiated module. Its raw exports are internal: call the functions above instead. */
export interface InitOutput {
  readonly memory: WebAssembly.Memory;
}

/**
 * Loads and instantiates the .wasm; await it once before the first call. With no argument it
 * fetches `group_payloads_bg.wasm` next to this module (`new URL(..., import.meta.url)`, which
 * Vite, webpack and Parcel bundle as an asset). Later calls return the same instance.
 */
export default function init(
  moduleOrPath?: { module_or_path: InitInput | Promise<InitInput> } | InitInput | Promise<InitInput>,
): Promise<InitOutput>;

/** Instantiates synchronously from the bytes or a compiled module (e.g. in a worker). */
export function initSync(module: { module: SyncInitInput } | SyncInitInput): InitOutput;
