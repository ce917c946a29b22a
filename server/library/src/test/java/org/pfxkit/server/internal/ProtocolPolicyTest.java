package org.pfxkit.server.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.pfxkit.shared.error.PfxkitException;
import org.pfxkit.shared.error.Problem;

class ProtocolPolicyTest {
    @Test
    void theDefaultIsTls13AndTls12() throws Exception {
        assertEquals(List.of("TLSv1.3", "TLSv1.2"), ProtocolPolicy.resolve(List.of()));
    }

    @Test
    void namesAreAcceptedInTheUsualSpellingsAndOrderedBestFirst() throws Exception {
        assertEquals(List.of("TLSv1.3", "TLSv1.2"), ProtocolPolicy.resolve(List.of("tls1.2", "TLSv1.3")));
        assertEquals(List.of("TLSv1.2"), ProtocolPolicy.resolve(List.of("1.2")));
    }

    @Test
    void theRecipesTclListIsRefusedNamingEachInsecureVersion() {
        PfxkitException e = assertThrows(PfxkitException.class,
                () -> ProtocolPolicy.resolve(List.of("{ssl3 tls1.1 tls1.2}")));
        assertEquals(Problem.INSECURE_PROTOCOL, e.problem());
        assertTrue(e.getMessage().startsWith("refusing to offer SSLv3 and TLSv1.1: "), e.getMessage());
    }

    @Test
    void tls10IsRefusedAndAnUnknownNameIsBadUsage() {
        assertEquals(Problem.INSECURE_PROTOCOL, assertThrows(PfxkitException.class,
                () -> ProtocolPolicy.resolve(List.of("tls1"))).problem());
        assertEquals(Problem.BAD_USAGE, assertThrows(PfxkitException.class,
                () -> ProtocolPolicy.resolve(List.of("quic"))).problem());
    }
}
