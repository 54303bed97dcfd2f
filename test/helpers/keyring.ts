/**
 * Keychain tests need the private keyring that scripts/with-test-keyring.sh starts. In CI it must be
 * there (a missing keyring fails the run); on a desktop without it the tests are skipped, never run
 * against the user's real keychain.
 */
export const HAS_TEST_KEYRING = process.env.PORQBO_TEST_KEYRING === '1';
if (process.env.CI && !HAS_TEST_KEYRING) {
  throw new Error('CI must run tests through scripts/with-test-keyring.sh (no private keyring found)');
}
