interface ImportMetaEnv {
  /** True only in the test/bench build (scripts/build-test.mjs); enables test hooks in the background. */
  readonly HOLDFAST_TEST: boolean;
}
