// TanStack Form: `schema(provider)` as a form validator; errors land on the fields by path.
// From the forms build, which a form app needs and which carries no request code.
import { FormApi } from "@tanstack/react-form";
import { schema, type TencentIaiPayload } from "group-payloads/forms";

const defaultValues: TencentIaiPayload = { GroupName: "", GroupId: "" };

export function groupForm() {
  return new FormApi({ defaultValues, validators: { onChange: schema("tencent-iai") } });
}
