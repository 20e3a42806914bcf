// The package's TypeScript types, written by hand (scripts/build.sh copies them into every
// entry; js/build-entries.cjs fails the build when the runtime exports and the `export function`
// declarations here differ). The web entry adds `init`/`initSync` (js/types/web-init.d.ts), the
// Node ES module entry their no-op twins (js/types/node-init.d.ts).

export type ProviderId = "geelark" | "tencent-iai" | "selfcommunity" | "capillary" | "gochat";

/** Every code an issue can carry. */
export type IssueCode =
  | "required"
  | "blank"
  | "too_short"
  | "too_long"
  | "too_few"
  | "too_many"
  | "invalid_chars"
  | "duplicate"
  | "invalid_type"
  | "invalid_value"
  | "out_of_range"
  | "invalid_encoding"
  | "unknown_field"
  | "surrounding_whitespace"
  | "needs_multipart"
  | "invalid_url"
  | "provider_error"
  | "more_issues"
  | "not_read";

export interface Issue {
  /** The provider's wire names: "list[2].name", "GroupExDescriptions[1]"; "" for the payload itself. */
  path: string;
  /** Stable snake_case code; its `params` keys are fixed per code (README "Issues"). */
  code: IssueCode;
  /** The provider's own error code, where it documents one. */
  providerCode?: string | number;
  /** Short, lowercase, English by default (options.locale "zh-CN" for Chinese); never the value. */
  message: string;
  /** Fixed keys per code, e.g. {max: 50, actual: 51, unit: "chars"}. */
  params?: Record<string, string | number>;
}

export interface Report {
  /** True when there are no errors. */
  ok: boolean;
  errors: Issue[];
  warnings: Issue[];
}

export interface ValidateOptions {
  /** Turn rules that the provider's own samples contradict into warnings (Tencent's charsets). */
  lenient?: boolean;
  /** Message language: "en" (default) or "zh-CN". */
  locale?: "en" | "zh-CN";
}

export interface HttpRequest {
  method: "POST" | "GET";
  url: string;
  /** Header names exactly as sent, in the order they are set. */
  headers: Record<string, string>;
  /** Absent for GET. */
  body?: string;
}

/** `buildRequest` when the payload and options are valid: the request to send. */
export interface BuildSuccess extends Report {
  ok: true;
  request: HttpRequest;
}
/** `buildRequest` when something is invalid: the errors, and no request. */
export interface BuildFailure extends Report {
  ok: false;
  request?: undefined;
}
/** The validation report, plus the request exactly when `ok` is true (`if (ok)` narrows it). */
export type BuildResult = BuildSuccess | BuildFailure;

export type GeelarkBuildOptions = ValidateOptions & {
  auth:
    | { type: "key"; appId: string; apiKey: string; traceId?: string; ts?: number | string }
    | { type: "token"; token: string; traceId?: string };
};
export type TencentIaiBuildOptions = ValidateOptions & {
  secretId: string;
  secretKey: string;
  /** Seconds; defaults to the current time. */
  timestamp?: number | string;
  token?: string;
  region?: string;
  language?: "zh-CN" | "en-US";
  style?: "post" | "get";
};
export type SelfcommunityBuildOptions = ValidateOptions & { baseUrl: string; token: string };
export type CapillaryBuildOptions = ValidateOptions & {
  cluster?: "eu" | "in" | "sg" | "us";
  baseUrl?: string;
  auth:
    | { type: "basic"; username: string; password: string }
    | { type: "oauth"; token: string; header?: string };
};
export type GochatBuildOptions = ValidateOptions & { baseUrl?: string; token?: string };

export interface BuildOptionsByProvider {
  "geelark": GeelarkBuildOptions;
  "tencent-iai": TencentIaiBuildOptions;
  "selfcommunity": SelfcommunityBuildOptions;
  "capillary": CapillaryBuildOptions;
  "gochat": GochatBuildOptions;
}

export interface ProviderResponse {
  status: number;
  body: string;
  /** The payload that was sent, so per-item failures point at `list[i].name`. */
  payload?: unknown;
}

export interface ParsedResponse {
  /** True when there are no errors. */
  ok: boolean;
  /** `JSON.parse(body)`, or the part of it the provider keeps its data in. */
  data?: unknown;
  errors: Issue[];
  /** What does not make the response a failure: a repeated key, a part not read (`not_read`). */
  warnings: Issue[];
  requestId?: string;
}

export interface Tc3Input {
  secretId: string;
  secretKey: string;
  /** Seconds. */
  timestamp: number | string;
  service: string;
  host: string;
  method: "POST" | "GET";
  contentType: string;
  /** The exact query string sent (GET). */
  query?: string;
  /** The exact body sent (POST). */
  payload?: string;
  /** More headers to sign, e.g. {"X-TC-Action": "CreateGroup"}. */
  extraHeaders?: Record<string, string>;
}

export interface Tc3Output {
  authorization: string;
  signature: string;
  canonicalRequest: string;
  stringToSign: string;
}

export interface GeelarkSignInput {
  appId: string;
  traceId: string;
  /** Milliseconds. */
  ts: number | string;
  apiKey: string;
}

export interface ProviderInfo {
  id: ProviderId;
  name: string;
  method: "POST" | "GET";
  url: string;
  docs: string;
}
/** The payload each provider takes (what `schema(provider)` returns as `value`, unchanged). */
export interface GeelarkPayload {
  list: Array<{ name: string; remark?: string }>;
}
export interface TencentIaiPayload {
  GroupName: string;
  GroupId: string;
  GroupExDescriptions?: string[];
  Tag?: string;
  FaceModelVersion?: "2.0" | "3.0";
}
export interface SelfcommunityPayload {
  name: string;
  privacy: "public" | "private";
  /** Required when privacy is "private". */
  visible?: boolean;
  description?: string | null;
  color?: string | null;
  invite_users?: number[];
}
export interface CapillaryPayload {
  name: string;
  rank?: number | null;
}
export interface GochatPayload {
  name?: string;
  /** A string of digits is accepted (with a warning) and sent as a number. */
  admin_id: number | string;
  token?: string;
}
export interface PayloadByProvider {
  "geelark": GeelarkPayload;
  "tencent-iai": TencentIaiPayload;
  "selfcommunity": SelfcommunityPayload;
  "capillary": CapillaryPayload;
  "gochat": GochatPayload;
}
export type Payload = PayloadByProvider[ProviderId];

/** Constraint keys whose rule can be only a warning. */
export type ConstraintRule = "minLength" | "maxLength" | "pattern" | "minItems" | "maxItems" | "unique";

/** One field's documented rules, derived from the declarations `validate` applies. */
export interface FieldConstraint {
  /** Wire names; "[]" stands for every item: "list[].name", "GroupExDescriptions[]". */
  path: string;
  required: boolean;
  /** `null` is accepted (and sent as null). */
  nullable: boolean;
  type: "string" | "integer" | "boolean" | "array" | "object" | "file";
  /** Empty or whitespace-only text is rejected. */
  notBlank?: true;
  minLength?: number;
  maxLength?: number;
  /** Unit of minLength/maxLength: "chars" = code points (`[...s].length`), "bytes" = UTF-8. */
  unit?: "chars" | "bytes";
  /** Allowed characters, an ECMAScript regex for `new RegExp(pattern, "u")` (whole string). */
  pattern?: string;
  /** The charset id `invalid_chars` issues name in params.allowed. */
  charset?: string;
  enum?: string[];
  minimum?: number;
  maximum?: number;
  /** A string of decimal digits is accepted (with a warning) and sent as a number. */
  digitString?: true;
  minItems?: number;
  maxItems?: number;
  /** Values at this path must differ across the items of the enclosing array. */
  unique?: true;
  /** Rules above that are only warnings (with these options): they never make `ok` false. */
  severity?: Partial<Record<ConstraintRule, "warning">>;
}

/** A JSON Schema (draft 2020-12) document. */
export interface JsonSchema {
  $schema: "https://json-schema.org/draft/2020-12/schema";
  title: string;
  type: "object";
  properties: Record<string, JsonSchema | Record<string, unknown>>;
  required?: string[];
  [keyword: string]: unknown;
}

/** Lengths of one string: code points, UTF-8 bytes, UTF-16 code units (`s.length`), graphemes. */
export interface TextMeasure {
  chars: number;
  bytes: number;
  utf16: number;
  graphemes: number;
}
export type TextUnit = "chars" | "bytes" | "utf16" | "graphemes";

/** The Standard Schema v1 interface (https://standardschema.dev), as published. */
export interface StandardSchemaV1<Input = unknown, Output = Input> {
  readonly "~standard": StandardSchemaV1.Props<Input, Output>;
}
export declare namespace StandardSchemaV1 {
  interface Props<Input = unknown, Output = Input> {
    readonly version: 1;
    readonly vendor: string;
    readonly validate: (value: unknown) => Result<Output> | Promise<Result<Output>>;
    readonly types?: Types<Input, Output> | undefined;
  }
  type Result<Output> = SuccessResult<Output> | FailureResult;
  interface SuccessResult<Output> {
    readonly value: Output;
    readonly issues?: undefined;
  }
  interface FailureResult {
    readonly issues: ReadonlyArray<Issue>;
  }
  interface Issue {
    readonly message: string;
    readonly path?: ReadonlyArray<PropertyKey | PathSegment> | undefined;
  }
  interface PathSegment {
    readonly key: PropertyKey;
  }
  interface Types<Input = unknown, Output = Input> {
    readonly input: Input;
    readonly output: Output;
  }
  type InferInput<Schema extends StandardSchemaV1> = NonNullable<Schema["~standard"]["types"]>["input"];
  type InferOutput<Schema extends StandardSchemaV1> = NonNullable<Schema["~standard"]["types"]>["output"];
}

/** A Standard Schema issue from this package: also carries our code, providerCode and params. */
export interface SchemaIssue extends StandardSchemaV1.Issue {
  readonly path: ReadonlyArray<string | number>;
  readonly code: IssueCode;
  readonly providerCode?: string | number;
  readonly params?: Record<string, string | number>;
}

/** A failed `schema(provider)` validation: the payload's errors (warnings never fail). */
export interface SchemaFailure extends StandardSchemaV1.FailureResult {
  readonly issues: ReadonlyArray<SchemaIssue>;
}

/**
 * `schema(provider)["~standard"]`: validates synchronously; `value` is the input itself,
 * unchanged. Input and output are both the provider's payload type, so form libraries that
 * tie the schema's input to their field values (react-hook-form's `standardSchemaResolver`,
 * TanStack Form's validators) accept it; `validate` itself accepts every value (`unknown`).
 */
export interface PayloadSchemaProps<P extends ProviderId = ProviderId>
  extends StandardSchemaV1.Props<PayloadByProvider[P], PayloadByProvider[P]> {
  readonly vendor: "group-payloads";
  readonly validate: (value: unknown) => StandardSchemaV1.SuccessResult<PayloadByProvider[P]> | SchemaFailure;
  readonly types?: StandardSchemaV1.Types<PayloadByProvider[P], PayloadByProvider[P]> | undefined;
}

/** A Standard Schema v1 of one provider's payload. */
export interface PayloadSchema<P extends ProviderId = ProviderId>
  extends StandardSchemaV1<PayloadByProvider[P], PayloadByProvider[P]> {
  readonly "~standard": PayloadSchemaProps<P>;
}

/**
 * Validates, then builds the exact signed request when the payload is valid. Throws only on
 * misuse (unknown provider, missing or mistyped credentials). Options must fit the provider.
 */
export function buildRequest<P extends ProviderId>(provider: P, payload: unknown, options: BuildOptionsByProvider[P]): BuildResult;

/** Standard Schema for one provider's payload; errors fail, warnings do not. */
export function schema<P extends ProviderId>(provider: P, options?: ValidateOptions | null): PayloadSchema<P>;

/**
 * Capillary's basic-auth header value: `"Basic " + base64(username + ":" + md5hex(password))`.
 */
export function capillaryBasicAuth(username: string, password: string): string;

/**
 * Every field's rules (required, lengths with their unit, pattern, enum, item counts,
 * uniqueness, warning-only rules), derived from the declarations `validate` applies.
 */
export function constraints(provider: ProviderId, options?: ValidateOptions | null): FieldConstraint[];

/**
 * GeeLark's key signature: uppercase hex SHA-256 of appId + traceId + ts + nonce + apiKey.
 */
export function geelarkSign(input: GeelarkSignInput): string;

/**
 * The payload's JSON Schema (draft 2020-12). Rules it cannot express (byte lengths of
 * non-ASCII fields, warnings, uniqueness by key, rules across fields) are named in `$comment`.
 */
export function jsonSchema(provider: ProviderId, options?: ValidateOptions | null): JsonSchema;

/**
 * Lengths of `text` in every unit the rules use: code points, UTF-8 bytes, UTF-16 code units
 * and graphemes. (A lone surrogate counts as the 3 bytes of the U+FFFD a UTF-8 encoder sends.)
 */
/** The segments of an issue path: "list[2].name" → ["list", 2, "name"]; "list[].name" → ["list", "[]", "name"]; "" → []. */
export function parsePath(path: string): (string | number)[];

/** The path text of segments, the inverse of parsePath: ["list", 2, "name"] → "list[2].name". */
export function formatPath(segments: ReadonlyArray<string | number>): string;

export function measure(text: string): TextMeasure;

/**
 * Reads a provider's response (`{status, body, payload?}`) into `{ok, data?, errors, requestId?}`.
 */
export function parseResponse(provider: ProviderId, response: ProviderResponse, options?: ValidateOptions | null): ParsedResponse;

/**
 * The providers this build knows: id, name, method, endpoint URL and documentation link.
 */
export function providers(): ProviderInfo[];

/**
 * TC3-HMAC-SHA256 over exactly the given request parts (Tencent's signature v3).
 */
export function signTc3(input: Tc3Input): Tc3Output;

/**
 * The longest prefix of `text` at most `max` long in `unit` ("chars" by default, "bytes",
 * "utf16", "graphemes"), cut on a grapheme boundary. The prefix is sliced from the string
 * given, so nothing in it is altered.
 */
export function truncate(text: string, max: number, unit?: TextUnit | null): string;

/**
 * Validates a payload against every documented rule of the provider; all problems at once.
 */
export function validate(provider: ProviderId, payload: unknown, options?: ValidateOptions | null): Report;

/**
 * The rules of one field, for validation as the user types: `"GroupName"`, `"list[2].name"`,
 * `"list[].name"`, `"GroupExDescriptions[1]"`. Errors first, then warnings. Rules spanning
 * items or fields (duplicates) need `validate`. An unknown path is misuse: `TypeError`.
 */
export function validateField(provider: ProviderId, path: string, value: unknown, options?: ValidateOptions | null): Issue[];

/**
 * Validates JSON text: the report of `validate(provider, JSON.parse(text), options)`, read
 * straight from the text in wasm with no JS objects built, except that a key the text repeats
 * is reported (`JSON.parse` keeps only the last). Text that is not JSON is one
 * `invalid_type` error at `""` saying where. Throws only on misuse, as `validate` does.
 */
export function validateJson(provider: ProviderId, text: string, options?: ValidateOptions | null): Report;
