/**
 * Makes a shop a connected, verified Postscript shop (its key stored and checked, Postscript its SMS provider), so
 * the pages a benchmark times render every section they would for a real merchant. Imported after
 * startBenchEnvironment has set the database and encryption key.
 */
export async function connectPostscript(shopId: string, apiKey: string): Promise<void> {
  const { prisma } = await import("@/lib/db/prisma");
  const { encryptSecret } = await import("@/lib/crypto/secret-box");
  await prisma.integration.upsert({
    where: { shopId_provider: { shopId, provider: "POSTSCRIPT" } },
    create: {
      provider: "POSTSCRIPT",
      shopId,
      encryptedKey: encryptSecret(apiKey),
      keyLast4: apiKey.slice(-4),
      verification: "VERIFIED",
      lastVerifiedAt: new Date(),
      firstConnectedAt: new Date(),
      accountName: "Bench shop",
    },
    update: {},
  });
  await prisma.smsSettings.updateMany({ where: { shopId }, data: { provider: "POSTSCRIPT" } });
}
