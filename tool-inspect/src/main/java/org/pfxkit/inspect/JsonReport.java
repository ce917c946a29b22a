package org.pfxkit.inspect;

import java.io.PrintWriter;
import java.util.HexFormat;
import java.util.List;

import org.pfxkit.shared.match.Finding;
import org.pfxkit.shared.match.IndexedCertificate;
import org.pfxkit.shared.match.SearchResult;
import org.pfxkit.shared.match.Verdict;
import org.pfxkit.shared.store.BagAttributes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code --json}: one document per run, schema documented in docs/certfind.md. Fields are only ever added; a change
 * that removes or renames one raises {@link #SCHEMA_VERSION}.
 */
final class JsonReport {
    static final int SCHEMA_VERSION = 1;
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonReport() {
    }

    static void print(StoreView store, SearchResult result, String option, PrintWriter out) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("schemaVersion", SCHEMA_VERSION);
        ObjectNode s = root.putObject("store");
        s.put("path", store.path().toString());
        s.put("format", store.format());
        s.put("order", store.orderName());
        s.put("orderDiffersFromFile", store.reversedFromFile());
        s.put("certificates", store.index().size());
        s.put("keysWithoutCertificate", store.keysWithoutCertificate());
        ObjectNode search = root.putObject("search");
        search.put("kind", result.search().kind().name());
        search.put("argument", result.search().argument());
        search.put("hasKey", result.search().keyRequired());
        search.put("option", option);
        if (result.returned().isPresent()) {
            IndexedCertificate c = result.returned().get().certificate();
            ObjectNode r = root.putObject("result");
            r.put("index", c.index());
            r.put("subject", c.subject());
            r.put("windowsSubject", c.windowsSubject());
            r.put("sha1", c.sha1Hex());
            r.put("hasPrivateKey", c.hasPrivateKey());
        } else {
            root.putNull("result");
        }
        root.put("answer", TextReport.answer(result, option));
        ArrayNode matches = root.putArray("matches");
        for (int i = 0; i < result.matches().size(); i++) {
            IndexedCertificate c = result.matches().get(i).certificate();
            matches.addObject().put("number", i + 1).put("index", c.index()).put("subject", c.subject());
        }
        findings(root.putArray("warnings"), result.warnings());
        findings(root.putArray("hints"), result.hints());
        ArrayNode certificates = root.putArray("certificates");
        for (Verdict v : result.certificates()) {
            certificate(certificates.addObject(), v);
        }
        try {
            out.println(MAPPER.writeValueAsString(root));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a JSON tree built in memory", e);
        }
        out.flush();
    }

    private static void certificate(ObjectNode o, Verdict v) {
        IndexedCertificate c = v.certificate();
        o.put("index", c.index());
        o.put("fileIndex", c.entry().fileIndex());
        o.put("subject", c.subject());
        o.put("windowsSubject", c.windowsSubject());
        o.put("issuer", c.issuer());
        o.put("windowsIssuer", c.windowsIssuer());
        o.put("matches", v.matches());
        o.put("reason", v.reason());
        findings(o.putArray("hints"), v.hints());
        o.put("hasPrivateKey", c.hasPrivateKey());
        o.put("ca", c.certificate().getBasicConstraints() >= 0);
        o.put("notBefore", c.certificate().getNotBefore().toInstant().toString());
        o.put("notAfter", c.certificate().getNotAfter().toInstant().toString());
        o.put("serialNumber", c.certificate().getSerialNumber().toString(16).toUpperCase());
        o.put("sha1", c.sha1Hex());
        ArrayNode dns = o.putArray("dnsNames");
        c.dnsNames().forEach(dns::add);
        BagAttributes cert = c.entry().certificateAttributes();
        BagAttributes key = c.entry().keyAttributes();
        o.put("friendlyName", cert.friendlyName() != null ? cert.friendlyName() : key.friendlyName());
        o.put("localKeyId", hex(cert.localKeyId() != null ? cert.localKeyId() : key.localKeyId()));
        o.put("cspName", key.cspName() != null ? key.cspName() : cert.cspName());
        o.put("localKeySet", key.localKeySet() || cert.localKeySet());
    }

    private static String hex(byte[] bytes) {
        return bytes == null ? null : HexFormat.of().withUpperCase().formatHex(bytes);
    }

    private static void findings(ArrayNode array, List<Finding> findings) {
        for (Finding f : findings) {
            array.addObject().put("kind", f.kind().name()).put("index", f.index()).put("message", f.message());
        }
    }
}
