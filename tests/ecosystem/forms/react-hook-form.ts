// react-hook-form: the Standard Schema resolver takes `schema(provider)` as it is.
import { standardSchemaResolver } from "@hookform/resolvers/standard-schema";
import { useForm } from "react-hook-form";
import { schema, type TencentIaiPayload } from "group-payloads";

export const resolver = standardSchemaResolver(schema("tencent-iai"));

export function useGroupForm() {
  return useForm<TencentIaiPayload>({ resolver, defaultValues: { GroupName: "", GroupId: "" } });
}
