/**
 * The page a request asks for, for route loaders. Routes import it from here, a server-only module, so that
 * the zod schemas of ./page-params never reach a page's JavaScript (no page ships zod, decision 113).
 */
export { parsePageParams as pageRequestOf } from "./page-params";
