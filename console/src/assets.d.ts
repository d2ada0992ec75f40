/** Stylesheets imported by console modules: esbuild joins them into console.css. */
declare module '*.css' {}
