import { GroupNameField } from "./group-name-field";

export default function Page() {
  return (
    <main>
      <GroupNameField />
    </main>
  );
}
