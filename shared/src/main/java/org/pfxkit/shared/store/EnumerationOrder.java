package org.pfxkit.shared.store;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The order in which Windows' CryptoAPI enumerates a store's certificates, which is what {@code CERT_FIND_ANY}
 * returns first and what a looping subject search walks. The rule and its evidence are in docs/enumeration-order.md.
 *
 * <p>PKCS#12: the exact reverse of the file's certificate-bag order, across all SafeContents, whatever bag holds the
 * key. {@code PFXImportCertStore} adds the certificates one by one, in bag order, to a memory store
 * ({@code CertOpenStore(CERT_STORE_PROV_MEMORY)}), and a memory store puts each new certificate at the head of its
 * list (Wine dlls/crypt32/store.c MemStore_addContext: list_add_head; MemStore_enumContext walks from list_head).
 * .NET's UnixPkcs12Reader.EnumerateAll, written to give Windows' order on Linux and macOS, returns the bags from the
 * last to the first.
 *
 * <p>JKS/JCEKS: the order of {@code KeyStore.aliases()} (a hash order the JDK does not define). PEM and DER: the
 * file's order; these are not PFX imports, and pfxkit assumes a store built from them lists certificates as read.
 */
final class EnumerationOrder {
    private EnumerationOrder() {
    }

    static List<StoreEntry> of(Keystore.Format format, List<StoreEntry> fileOrder) {
        if (format != Keystore.Format.PKCS12) {
            return fileOrder;
        }
        List<StoreEntry> reversed = new ArrayList<>(fileOrder);
        Collections.reverse(reversed);
        return reversed;
    }
}
