// TanStack Form: `schema(provider)` as a form validator; errors land on the fields by path.
import { FormApi } from "@tanstack/react-form";
import { schema, type TencentIaiPayload } from "group-payloads";

const defaultValues: TencentIaiPayload = { GroupName: "", GroupId: "" };

export function groupForm() {
  return new FormApi({ defaultValues, validators: { onChange: schema("tencent-iai") } });
}
