/**
 * pfxkit's shared library: PEM and keystore reading, key/certificate pairing, Windows' certificate matching, password
 * sources and the error model, used by the tools and the server library. Every package is API for those; BouncyCastle
 * stays a dependency, not part of the API.
 */
module org.pfxkit.shared {
    exports org.pfxkit.shared.error;
    exports org.pfxkit.shared.io;
    exports org.pfxkit.shared.keys;
    exports org.pfxkit.shared.match;
    exports org.pfxkit.shared.pem;
    exports org.pfxkit.shared.secret;
    exports org.pfxkit.shared.store;

    requires org.bouncycastle.pkix;
    requires org.bouncycastle.provider;
    requires org.bouncycastle.util;
}
