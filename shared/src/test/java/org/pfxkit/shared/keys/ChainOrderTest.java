package org.pfxkit.shared.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.pfxkit.shared.pem.ParsedFile;
import org.pfxkit.shared.pem.ParsedFile.Located;
import org.pfxkit.shared.testing.TestPki;

class ChainOrderTest {
    static final TestPki.Issued ROOT = TestPki.rootCa("Order Root");
    static final TestPki.Issued INTER1 = ROOT.issue(TestPki.ca("Order Intermediate 1"));
    static final TestPki.Issued INTER2 = INTER1.issue(TestPki.ca("Order Intermediate 2"));
    static final TestPki.Issued LEAF = INTER2.issue(TestPki.leaf("order.example"));

    static List<List<X509Certificate>> permutations(List<X509Certificate> items) {
        if (items.isEmpty()) {
            return List.of(List.of());
        }
        List<List<X509Certificate>> result = new ArrayList<>();
        for (X509Certificate first : items) {
            List<X509Certificate> rest = new ArrayList<>(items);
            rest.remove(first);
            for (List<X509Certificate> tail : permutations(rest)) {
                List<X509Certificate> p = new ArrayList<>();
                p.add(first);
                p.addAll(tail);
                result.add(p);
            }
        }
        return result;
    }

    /** Each certificate in its own "file", the key in key.pem. */
    static Assembly assemble(PrivateKey key, List<X509Certificate> certificates) throws Exception {
        List<ParsedFile> files = new ArrayList<>();
        files.add(new ParsedFile(Path.of("key.pem"), ParsedFile.Encoding.PEM,
                List.of(new Located<>(key, Path.of("key.pem"), 1, 1)), List.of()));
        for (int i = 0; i < certificates.size(); i++) {
            Path file = Path.of("cert" + i + ".pem");
            files.add(new ParsedFile(file, ParsedFile.Encoding.PEM, List.of(),
                    List.of(new Located<>(certificates.get(i), file, 1, 1))));
        }
        return KeyPairing.assembleReport(files);
    }

    @Test
    void everyPermutationOfAFourCertificateChainComesOutLeafFirst() throws Exception {
        List<X509Certificate> expected = LEAF.chain();
        List<List<X509Certificate>> all = permutations(expected);
        assertEquals(24, all.size());
        for (List<X509Certificate> shuffled : all) {
            Assembly assembly = assemble(LEAF.privateKey(), shuffled);
            assertEquals(expected, assembly.material().chain(), shuffled.toString());
            assertEquals(List.of(), assembly.unrelated());
        }
    }

    @Test
    void everyPermutationOfRootIntermediateLeafOrders() throws Exception {
        TestPki.Issued root = TestPki.rootCa("Three Root");
        TestPki.Issued inter = root.issue(TestPki.ca("Three Intermediate"));
        TestPki.Issued leaf = inter.issue(TestPki.leaf("three.example"));
        for (List<X509Certificate> shuffled : permutations(leaf.chain())) {
            assertEquals(leaf.chain(), assemble(leaf.privateKey(), shuffled).material().chain());
        }
    }

    @Test
    void aMissingIntermediateLeavesTheRootUnrelatedAndReported() throws Exception {
        Assembly assembly = assemble(LEAF.privateKey(), List.of(ROOT.certificate(), LEAF.certificate()));
        assertEquals(List.of(LEAF.certificate(), ROOT.certificate()), assembly.material().chain());
        assertEquals(List.of(LEAF.certificate()), assembly.linkedChain());
        assertEquals(1, assembly.unrelated().size());
        assertEquals(ROOT.certificate(), assembly.unrelated().get(0).value());
        assertEquals(Path.of("cert0.pem"), assembly.unrelated().get(0).file());
    }

    @Test
    void anUnrelatedCertificateIsKeptAfterTheChainAndReported() throws Exception {
        X509Certificate stranger = TestPki.rootCa("Stranger Root").certificate();
        Assembly assembly = assemble(LEAF.privateKey(), List.of(stranger, INTER1.certificate(), ROOT.certificate(),
                LEAF.certificate(), INTER2.certificate()));
        List<X509Certificate> expected = new ArrayList<>(LEAF.chain());
        expected.add(stranger);
        assertEquals(expected, assembly.material().chain());
        assertEquals(List.of(stranger), assembly.unrelated().stream().map(Located::value).toList());
        assertEquals(LEAF.chain(), assembly.linkedChain());
    }

    @Test
    void exactDuplicatesAreDropped() throws Exception {
        Assembly assembly = assemble(LEAF.privateKey(), List.of(LEAF.certificate(), ROOT.certificate(),
                INTER2.certificate(), ROOT.certificate(), INTER1.certificate(), LEAF.certificate(),
                INTER2.certificate()));
        assertEquals(LEAF.chain(), assembly.material().chain());
        assertEquals(List.of(), assembly.unrelated());
    }

    @Test
    void certificatesWithoutKeyIdentifiersOrderByName() throws Exception {
        TestPki.Issued root = TestPki.selfSigned(TestPki.ca("Old Root").withoutKeyIdentifiers());
        TestPki.Issued inter = root.issue(TestPki.ca("Old Intermediate").withoutKeyIdentifiers());
        TestPki.Issued leaf = inter.issue(TestPki.leaf("old.example").withoutKeyIdentifiers());
        for (List<X509Certificate> shuffled : permutations(leaf.chain())) {
            assertEquals(leaf.chain(), assemble(leaf.privateKey(), shuffled).material().chain());
        }
    }

    @Test
    void aReKeyedCaWithTheSameNameIsToldApartByKeyIdentifier() throws Exception {
        TestPki.Issued oldRoot = TestPki.rootCa("Rekeyed Root");
        TestPki.Issued newRoot = TestPki.rootCa("Rekeyed Root");
        TestPki.Issued leaf = newRoot.issue(TestPki.leaf("rekeyed.example"));
        Assembly assembly = assemble(leaf.privateKey(), List.of(oldRoot.certificate(), leaf.certificate(),
                newRoot.certificate()));
        assertEquals(List.of(leaf.certificate(), newRoot.certificate()), assembly.linkedChain());
        assertEquals(List.of(oldRoot.certificate()), assembly.unrelated().stream().map(Located::value).toList());
    }

    @Test
    void aCrossSignedDuplicateIsChosenWhenItsIssuerIsGivenAndTheRootOtherwise() throws Exception {
        TestPki.Issued bridge = TestPki.rootCa("Bridge Root");
        TestPki.Issued root = TestPki.selfSigned(TestPki.ca("Cross Root").sharedKey("cross-root"));
        TestPki.Issued crossSigned = bridge.issue(TestPki.ca("Cross Root").sharedKey("cross-root"));
        TestPki.Issued inter = root.issue(TestPki.ca("Cross Intermediate"));
        TestPki.Issued leaf = inter.issue(TestPki.leaf("cross.example"));

        Assembly withoutBridge = assemble(leaf.privateKey(), List.of(crossSigned.certificate(), leaf.certificate(),
                root.certificate(), inter.certificate()));
        assertEquals(List.of(leaf.certificate(), inter.certificate(), root.certificate()),
                withoutBridge.linkedChain());
        assertEquals(List.of(crossSigned.certificate()),
                withoutBridge.unrelated().stream().map(Located::value).toList());

        Assembly withBridge = assemble(leaf.privateKey(), List.of(root.certificate(), bridge.certificate(),
                crossSigned.certificate(), leaf.certificate(), inter.certificate()));
        assertEquals(List.of(leaf.certificate(), inter.certificate(), crossSigned.certificate(),
                bridge.certificate()), withBridge.linkedChain());
        assertEquals(List.of(root.certificate()), withBridge.unrelated().stream().map(Located::value).toList());
    }

    @Test
    void orderWorksOnBareCertificatesToo() {
        ChainOrder.Result result = ChainOrder.order(LEAF.certificate(), List.of(ROOT.certificate(),
                INTER1.certificate(), INTER2.certificate()));
        assertEquals(LEAF.chain(), result.chain());
        assertEquals(List.of(), result.unrelated());
    }
}
