import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto';
import forge from 'node-forge';

export interface TestCertificate {
  certificatePem: string;
  /** PKCS#8 PEM, as MSAL wants it. */
  privateKeyPem: string;
  /** Hex SHA-256 of the DER certificate (MSAL's thumbprintSha256). */
  thumbprintSha256: string;
}

/**
 * A throw-away self-signed RSA certificate for certificate sign-in tests,
 * generated in memory at test time (keys are never committed).
 */
export function createTestCertificate(
  commonName = 'headersync-test-app',
): TestCertificate {
  // Node's native RSA generation is far faster than forge's pure-JS one.
  const pair = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(pair.publicKey);
  // Positive serial: clear the top bit.
  const serial = randomBytes(16);
  serial[0] = (serial[0] ?? 0) & 0x7f;
  cert.serialNumber = serial.toString('hex');
  cert.validity.notBefore = new Date(Date.now() - 60_000);
  cert.validity.notAfter = new Date(Date.now() + 24 * 3600_000);
  const subject = [{ name: 'commonName', value: commonName }];
  cert.setSubject(subject);
  cert.setIssuer(subject);
  cert.sign(
    forge.pki.privateKeyFromPem(pair.privateKey),
    forge.md.sha256.create(),
  );
  const der = Buffer.from(
    forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes(),
    'binary',
  );
  return {
    certificatePem: forge.pki.certificateToPem(cert),
    privateKeyPem: pair.privateKey,
    thumbprintSha256: createHash('sha256').update(der).digest('hex'),
  };
}
