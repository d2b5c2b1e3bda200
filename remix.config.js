// BUILD_DIR lets several builds live side by side (e.g. parallel test runs); default: build/ and public/build/.
const buildDir = process.env.BUILD_DIR;

/** @type {import('@remix-run/dev').AppConfig} */
export default {
  ignoredRouteFiles: ["**/.*", "**/*.test.*"],
  serverModuleFormat: "esm",
  postcss: true,
  ...(buildDir
    ? { serverBuildPath: `${buildDir}/server/index.js`, assetsBuildDirectory: `${buildDir}/public/build` }
    : {}),
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_lazyRouteDiscovery: true,
  },
};
