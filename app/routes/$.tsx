/** Any unknown path: a proper 404 page through the root error boundary. */
export function loader() {
  throw new Response("errors:notFound", { status: 404 });
}

export default function NotFound() {
  return null;
}
