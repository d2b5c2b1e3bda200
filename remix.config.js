// BUILD_DIR lets several builds live side by side (e.g. parallel test runs); default: build/ and public/build/.
// The build always lands inside the repository (.builds/<name>) so it resolves node_modules.
const buildDir = process.env.BUILD_DIR ? `.builds/${process.env.BUILD_DIR.split("/").filter(Boolean).pop()}` : undefined;

/** @type {import('@remix-run/dev').AppConfig} */
export default {
  ignoredRouteFiles: ["**/.*", "**/*.test.*"],
  serverModuleFormat: "esm",
  postcss: true,
  ...(buildDir
    ? { serverBuildPath: `${buildDir}/server/index.mjs`, assetsBuildDirectory: `${buildDir}/public/build` }
    : {}),
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_lazyRouteDiscovery: true,
  },
};
