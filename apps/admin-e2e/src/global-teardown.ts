export default async function globalTeardown(): Promise<void> {
  await globalThis.headersyncE2eStack?.stop();
  globalThis.headersyncE2eStack = undefined;
}
