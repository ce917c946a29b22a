package org.pfxkit.server;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import org.pfxkit.shared.error.PfxkitException;
import org.pfxkit.shared.error.Problem;

/** The issuers trusted for client certificates: a PEM bundle (or one DER certificate), read by the JDK's parser. */
final class ClientCaFile {
    private ClientCaFile() {
    }

    static List<X509Certificate> read(Path file) throws PfxkitException {
        List<X509Certificate> trusted = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file)) {
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                trusted.add((X509Certificate) c);
            }
        } catch (NoSuchFileException e) {
            throw new PfxkitException(Problem.FILE_NOT_FOUND, "--client-ca '" + file + "' does not exist",
                    "give the PEM file of the CA certificates that issue your clients' certificates");
        } catch (IOException | CertificateException e) {
            throw new PfxkitException(Problem.BAD_PEM, "cannot read the certificates in --client-ca '" + file + "': "
                    + e.getMessage(), "give a PEM bundle of CA certificates (-----BEGIN CERTIFICATE-----)", e);
        }
        if (trusted.isEmpty()) {
            throw new PfxkitException(Problem.NO_CERTIFICATE, "--client-ca '" + file + "' holds no certificate",
                    "give a PEM bundle of CA certificates (-----BEGIN CERTIFICATE-----)");
        }
        return trusted;
    }
}
