import { resolver } from "./react-hook-form.ts";
import { groupForm } from "./tanstack-form.ts";

const rhf = await resolver({ GroupName: "a b", GroupId: "x" }, undefined, { fields: {}, shouldUseNativeValidation: false });
console.log("react-hook-form", JSON.stringify(Object.entries(rhf.errors).map(([k, v]) => [k, v?.message])));

const form = groupForm();
form.mount();
form.setFieldValue("GroupName", "a b");
console.log("tanstack", JSON.stringify(form.state.errors));
