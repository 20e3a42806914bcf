// An app router route handler: validates the posted payload with the Node build.
import { validate } from "group-payloads";

export async function POST(request: Request) {
  const payload: unknown = await request.json();
  const report = validate("geelark", payload);
  return Response.json(report, { status: report.ok ? 200 : 422 });
}
