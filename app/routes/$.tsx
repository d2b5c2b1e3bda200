import { NO_SCRIPTS } from "~/components/scripts-policy";

/** Works without JavaScript: served without the client scripts (decision 128). */
export const handle = NO_SCRIPTS;

/** Any unknown path: a proper 404 page through the root error boundary. */
export function loader() {
  throw new Response("errors:notFound", { status: 404 });
}

export default function NotFound() {
  return null;
}
