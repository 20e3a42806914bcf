"use client";
// A client component: in the browser the web build, so `init()` once before the first call
// (on the server, where this also renders, init is a no-op).
import { useState } from "react";
import init, { validateField, type Issue } from "group-payloads";

const ready = init();

export function GroupNameField() {
  const [issues, setIssues] = useState<Issue[]>([]);
  return (
    <label>
      Group name
      <input
        name="GroupName"
        onChange={async (event) => {
          const value = event.target.value;
          await ready;
          setIssues(validateField("tencent-iai", "GroupName", value));
        }}
      />
      <output>{issues.map((issue) => issue.message).join("; ") || "ok"}</output>
    </label>
  );
}
