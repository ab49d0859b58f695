import js from "@eslint/js";
import prettier from "eslint-config-prettier";
import { defineConfig } from "eslint/config";
import svelte from "eslint-plugin-svelte";
import globals from "globals";
import ts from "typescript-eslint";
import svelteConfig from "./svelte.config.js";

export default defineConfig(
  { ignores: ["dist/", "node_modules/", "src/lib/generated/"] },
  js.configs.recommended,
  ts.configs.strictTypeChecked,
  svelte.configs.recommended,
  prettier,
  svelte.configs.prettier,
  {
    languageOptions: {
      globals: { ...globals.browser },
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
        extraFileExtensions: [".svelte"],
      },
    },
    rules: {
      "@typescript-eslint/restrict-template-expressions": ["error", { allowNumber: true }],
    },
  },
  {
    files: ["**/*.svelte", "**/*.svelte.ts"],
    languageOptions: {
      parserOptions: { parser: ts.parser, svelteConfig },
    },
  },
  {
    // Tauri is reached only through the backend (src/lib/backend/), so the
    // UI runs in a browser too.
    files: ["src/**/*.ts", "src/**/*.svelte"],
    ignores: ["src/lib/backend/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["@tauri-apps/*"], message: "Use src/lib/backend/." }] },
      ],
      "no-restricted-syntax": [
        "error",
        {
          selector: "ImportExpression[source.value=/^@tauri-apps/]",
          message: "Use src/lib/backend/.",
        },
      ],
    },
  },
  {
    // The journey document is read and changed only in src/lib/doc/; the
    // session transport (src/lib/sync/) holds the Y.Doc and moves its
    // updates. Elsewhere the document is a handle (`YDoc` from doc/ydoc.ts).
    // Tests may play the backend or a second replica with yjs itself.
    // (A second rule, not `no-restricted-imports`: one rule's options per
    // file would drop the Tauri rule above.)
    files: ["src/**/*.ts", "src/**/*.svelte"],
    ignores: ["src/lib/doc/**", "src/lib/sync/**", "src/**/*.test.ts"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["yjs", "yjs/*"],
              message: "Read and change the document through src/lib/doc/.",
            },
          ],
        },
      ],
    },
  },
  {
    // Tool configuration files run in Node and are not type-checked.
    files: ["*.js"],
    extends: [ts.configs.disableTypeChecked],
    languageOptions: { globals: { ...globals.node } },
  },
);
