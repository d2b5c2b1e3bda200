import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { forbidden, requireUser } from "~/auth/guard.server";

/** A group user's demand board lives in its workspace. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  if (user.role !== "GROUP" || !user.groupId) throw forbidden();
  return redirect(`/groups/${user.groupId}/demands`);
}
