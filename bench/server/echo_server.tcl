# The seed's echo protocol on Tcl's tls package (Debian tcl-tls), the peer "tcl tls" of bench/server/run.
# One line in, "Received request: '<line>'" out, close; one event loop, as the seed's twapi::tls_socket server.
# usage: tclsh echo_server.tcl PORT CERT.pem KEY.pem
if {[llength $argv] != 3 || [lindex $argv 0] in {-h --help}} {
    puts "usage: tclsh echo_server.tcl PORT CERT.pem KEY.pem   (the peer \"tcl tls\" of bench/server/run)"
    exit [expr {[lindex $argv 0] in {-h --help} ? 0 : 2}]
}
package require tls

lassign $argv port certfile keyfile

proc answer {chan addr port} {
    # Non-blocking, so a slow or silent client never stalls the others; the handshake runs inside the first read.
    fconfigure $chan -blocking 0 -buffering line -translation {auto lf}
    fileevent $chan readable [list respond $chan]
}

proc respond {chan} {
    if {[catch {gets $chan line} n]} {
        # A failed handshake or a reset: the seed's "Unexpected EOF during TLS negotiation" lands here.
        catch {close $chan}
        return
    }
    if {$n < 0} {
        if {[eof $chan]} { catch {close $chan} }
        return
    }
    catch {puts $chan "Received request: '$line'"}
    catch {close $chan}
}

# -request 0: no CertificateRequest (tls's server default asks for a client certificate), as the other servers.
tls::socket -server answer -myaddr 127.0.0.1 -certfile $certfile -keyfile $keyfile \
    -ssl2 0 -ssl3 0 -tls1 0 -tls1.1 0 -tls1.2 1 -tls1.3 1 -request 0 -require 0 $port
puts "tcl tls echo server on 127.0.0.1:$port"
flush stdout
vwait forever
