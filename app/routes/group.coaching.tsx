import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { forbidden, requireUser } from "~/auth/guard.server";

/** The group's own coaching page lives in its workspace. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  if (user.role !== "GROUP" || !user.groupId) throw forbidden();
  return redirect(`/groups/${user.groupId}/coaching`);
}
