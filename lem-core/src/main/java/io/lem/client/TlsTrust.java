package io.lem.client;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import io.lem.config.ConfigException;

/**
 * Which servers an HTTPS load trusts: the JDK's own trust store (the default), or exactly the certificates in one
 * PEM or DER file, for a server with a self-signed or private-CA certificate. There is no trust-everything mode:
 * the host name is always checked against the certificate.
 *
 * @param caFile certificates to trust instead of the JDK's, or null for the JDK's
 */
public record TlsTrust(Path caFile) {

    public static final TlsTrust SYSTEM = new TlsTrust(null);

    /** A context trusting {@link #caFile}'s certificates, or the JDK's default context. */
    public SSLContext context() {
        try {
            if (caFile == null) {
                return SSLContext.getDefault();
            }
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int n = 0;
            try (InputStream in = Files.newInputStream(caFile)) {
                for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                    store.setCertificateEntry("ca-" + n++, c);
                }
            }
            if (n == 0) {
                throw new ConfigException("ca_file", "'" + caFile + "' holds no certificate; give a PEM or DER file");
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new ConfigException("ca_file", "cannot read certificates from '" + caFile + "': " + e.getMessage()
                    + "; give a readable PEM or DER certificate file");
        }
    }
}
