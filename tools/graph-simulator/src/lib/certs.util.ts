import {
  createHash,
  generateKeyPairSync,
  randomBytes,
  X509Certificate,
} from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import forge from 'node-forge';

/** The TLS material and the sample client certificate, all PEM. */
export interface TlsMaterial {
  caCertPath: string;
  caCertPem: string;
  serverCertPem: string;
  serverKeyPem: string;
  /** A certificate + key an app registration can use for `client_assertion` sign-in. */
  clientCertPath: string;
  clientKeyPath: string;
  clientCertPem: string;
  clientKeyPem: string;
}

const FILES = {
  caCert: 'ca.pem',
  caKey: 'ca-key.pem',
  serverCert: 'server.pem',
  serverKey: 'server-key.pem',
  clientCert: 'client-cert.pem',
  clientKey: 'client-key.pem',
} as const;

function rsaKeyPair(): { privateKeyPem: string; publicKeyPem: string } {
  // node:crypto generates the key natively (forge's pure-JS RSA keygen takes seconds);
  // forge only assembles and signs the X.509 structures, which Node cannot do.
  const { privateKey, publicKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
  });
  return {
    privateKeyPem: privateKey
      .export({ type: 'pkcs8', format: 'pem' })
      .toString(),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

function newCertificate(
  publicKeyPem: string,
  years: number,
): forge.pki.Certificate {
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicKeyPem);
  // RFC 5280 4.1.2.2: a positive serial of at most 20 octets.
  cert.serialNumber = '01' + randomBytes(15).toString('hex');
  const notBefore = new Date(Date.now() - 24 * 3600 * 1000);
  cert.validity.notBefore = notBefore;
  cert.validity.notAfter = new Date(
    notBefore.getTime() + years * 365 * 24 * 3600 * 1000,
  );
  return cert;
}

function generateInto(dir: string): void {
  const caKeys = rsaKeyPair();
  const caKey = forge.pki.privateKeyFromPem(caKeys.privateKeyPem);
  const ca = newCertificate(caKeys.publicKeyPem, 10);
  const caSubject = [
    { name: 'commonName', value: 'Headersync Graph Simulator Local CA' },
    { name: 'organizationName', value: 'Headersync (local development only)' },
  ];
  ca.setSubject(caSubject);
  ca.setIssuer(caSubject);
  ca.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  ca.sign(caKey, forge.md.sha256.create());

  const serverKeys = rsaKeyPair();
  const server = newCertificate(serverKeys.publicKeyPem, 2);
  server.setSubject([{ name: 'commonName', value: 'localhost' }]);
  server.setIssuer(caSubject);
  server.setExtensions([
    { name: 'basicConstraints', cA: false },
    {
      name: 'keyUsage',
      digitalSignature: true,
      keyEncipherment: true,
      critical: true,
    },
    { name: 'extKeyUsage', serverAuth: true },
    {
      // Clients verify the name against subjectAltName only (RFC 6125 6.4.4).
      name: 'subjectAltName',
      altNames: [
        { type: 2, value: 'localhost' },
        { type: 7, ip: '127.0.0.1' },
        { type: 7, ip: '::1' },
      ],
    },
    {
      name: 'authorityKeyIdentifier',
      keyIdentifier: ca.generateSubjectKeyIdentifier().getBytes(),
    },
  ]);
  server.sign(caKey, forge.md.sha256.create());

  // A self-signed certificate as Entra ID app registrations accept ("upload certificate").
  const clientKeys = rsaKeyPair();
  const client = newCertificate(clientKeys.publicKeyPem, 2);
  const clientSubject = [
    { name: 'commonName', value: 'Headersync Graph Simulator App Credential' },
  ];
  client.setSubject(clientSubject);
  client.setIssuer(clientSubject);
  client.setExtensions([
    { name: 'keyUsage', digitalSignature: true, critical: true },
  ]);
  client.sign(
    forge.pki.privateKeyFromPem(clientKeys.privateKeyPem),
    forge.md.sha256.create(),
  );

  const write = (name: string, content: string) =>
    writeFileSync(join(dir, name), content, { mode: 0o600 });
  write(FILES.caCert, forge.pki.certificateToPem(ca));
  write(FILES.caKey, caKeys.privateKeyPem);
  write(FILES.serverCert, forge.pki.certificateToPem(server));
  write(FILES.serverKey, serverKeys.privateKeyPem);
  write(FILES.clientCert, forge.pki.certificateToPem(client));
  write(FILES.clientKey, clientKeys.privateKeyPem);
}

/**
 * Loads the CA, server and client certificates from `<stateDir>/tls`, generating
 * them on first use. Several simulators may start at once on a fresh state dir
 * (parallel test workers): each generates into its own temporary directory and
 * renames it into place; whoever loses the rename uses the winner's files.
 */
export function ensureTlsMaterial(stateDir: string): TlsMaterial {
  const dir = join(stateDir, 'tls');
  if (!existsSync(join(dir, FILES.clientKey))) {
    mkdirSync(stateDir, { recursive: true });
    const tmp = join(
      stateDir,
      `tls.tmp-${process.pid}-${randomBytes(4).toString('hex')}`,
    );
    mkdirSync(tmp, { recursive: true });
    generateInto(tmp);
    try {
      renameSync(tmp, dir);
    } catch {
      rmSync(tmp, { recursive: true, force: true });
    }
  }
  const read = (name: string) => readFileSync(join(dir, name), 'utf8');
  const serverCertPem = read(FILES.serverCert);
  if (new Date(new X509Certificate(serverCertPem).validTo) < new Date()) {
    throw new Error(
      `the simulator's server certificate in ${dir} has expired: delete that directory to regenerate it`,
    );
  }
  return {
    caCertPath: join(dir, FILES.caCert),
    caCertPem: read(FILES.caCert),
    serverCertPem,
    serverKeyPem: read(FILES.serverKey),
    clientCertPath: join(dir, FILES.clientCert),
    clientKeyPath: join(dir, FILES.clientKey),
    clientCertPem: read(FILES.clientCert),
    clientKeyPem: read(FILES.clientKey),
  };
}

/** Base64url of the certificate's DER hash, as in the JWS `x5t` / `x5t#S256` headers (RFC 7515 4.1.7-8). */
export function certificateThumbprint(
  certPem: string,
  algorithm: 'sha1' | 'sha256',
): string {
  return createHash(algorithm)
    .update(new X509Certificate(certPem).raw)
    .digest('base64url');
}

/** Hex thumbprint, the form MSAL's `clientCertificate.thumbprintSha256` takes. */
export function certificateThumbprintHex(
  certPem: string,
  algorithm: 'sha1' | 'sha256',
): string {
  return createHash(algorithm)
    .update(new X509Certificate(certPem).raw)
    .digest('hex')
    .toUpperCase();
}
