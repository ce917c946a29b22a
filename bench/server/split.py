#!/usr/bin/env python3
"""Splits a CPU profile of our echo server (async-profiler's collapsed stacks, with thread names) into the parts
issue 14 names: BoringSSL's cryptography and its TLS code, the kernel (by system call), Netty, our own handlers,
allocation, exceptions, JIT and GC, as a share of the profiled samples and as microseconds per handshake.

usage: split.py PROFILE.collapsed [HANDSHAKES SERVER_CPU_SECONDS]   (bench/server/profile runs it)

Each stack is charged to one part, judged from its innermost frames: a kernel frame is the kernel's (by the system
call that entered it), native code under a netty-tcnative SSL call is BoringSSL's, a JVM runtime frame is allocation,
exceptions or JNI, and Java code is charged to its innermost non-JDK class (JDK code to the Netty or pfxkit code that
called it).
"""
import re
import sys
from collections import Counter

# BoringSSL's cryptographic primitives, by the function names of its x86_64 code (hashes, AES-GCM, X25519, P-256, RSA
# and big numbers, ML-KEM, the HKDF/HMAC layers over them).
CRYPTO = re.compile(r'sha(1|256|512)|SHA(1|256|384|512)|aes|gcm|ghash|gfmul|fiat_|^fe_|^fe4|x25519|X25519|ecp_|p256|'
                    r'nistz|^bn_|BN_|mont|rsa|RSA|mlkem|MLKEM|kyber|HMAC|hkdf|HKDF|CRYPTO_gcm|EVP_(AEAD|Digest|MD|PKEY)'
                    r'|ECDSA|ec_GFp|ec_point|ec_scalar|chacha|poly1305|BCM_|md_|HASH|keccak|KECCAK|sha3|SHA3')
# libc entry points of system calls: a sample that stops in one is the kernel's work.
SYSCALL_WRAPPERS = {
    'epoll_pwait2': 'epoll wait', 'epoll_wait': 'epoll wait', '__GI_epoll_ctl': 'epoll_ctl', 'epoll_ctl': 'epoll_ctl',
    '__GI___send': 'send/write', 'send': 'send/write', 'sendto': 'send/write', 'writev': 'send/write',
    '__GI_write': 'send/write', 'write': 'send/write', '__libc_write': 'send/write',
    'recv': 'recv/read', '__GI___recv': 'recv/read', 'recvfrom': 'recv/read', 'read': 'recv/read',
    '__GI___read': 'recv/read', '__libc_read': 'recv/read',
    'accept4': 'accept/close/socket options', '__GI___close': 'accept/close/socket options',
    'close': 'accept/close/socket options', '__close': 'accept/close/socket options',
    '__GI___getsockname': 'accept/close/socket options', 'getsockname': 'accept/close/socket options',
    'getsockopt': 'accept/close/socket options', '__GI___setsockopt': 'accept/close/socket options',
    'setsockopt': 'accept/close/socket options', 'shutdown': 'accept/close/socket options',
}
JDK_PACKAGES = ('java/', 'javax/', 'jdk/', 'sun/', 'com/sun/')
ALLOCATION = re.compile(r'MemAllocator|ObjAllocator|ObjArrayAllocator|TypeArrayKlass::allocate|OptoRuntime::new|'
                        r'CollectedHeap|ThreadLocalAllocBuffer|G1Allocator|G1CollectedHeap::allocate|'
                        r'InstanceKlass::allocate|__memset|Unsafe_AllocateMemory|os::malloc')
EXCEPTIONS = re.compile(r'fill_in_stack_trace|Throwable|Exceptions::|java_lang_Throwable|StackWalk')


def is_kernel(frame):
    return frame.endswith('_[k]')


def is_java(frame):
    return '/' in frame and not frame.startswith('/') and not frame.startswith('[')


def kernel_part(frames):
    for i, frame in enumerate(frames):
        if frame.startswith('entry_SYSCALL') and i > 0:
            caller = frames[i - 1]
            return 'kernel: ' + SYSCALL_WRAPPERS.get(caller, 'other system calls (' + caller + ')')
    if any('page_fault' in f for f in frames):
        return 'kernel: page faults'
    if any('irq' in f or 'apic' in f or 'softirq' in f for f in frames):
        return 'kernel: interrupts'
    return 'kernel: other'


def java_owner(frames):
    """The innermost non-JDK Java class, by package; JDK code is charged to whoever called it."""
    for frame in reversed(frames):
        if not is_java(frame) or frame.startswith(JDK_PACKAGES):
            continue
        cls = frame.rsplit('.', 1)[0]
        simple = cls.rsplit('/', 1)[-1].split('$')[0]
        if cls.startswith('org/pfxkit/'):
            return 'ours: ' + simple
        if cls.startswith('io/netty/handler/ssl/'):
            return 'Netty: SslHandler and the engine wrapper (Java)'
        if cls.startswith('io/netty/internal/tcnative/'):
            return 'Netty: tcnative JNI (Java side)'
        if cls.startswith('io/netty/buffer/'):
            return 'Netty: buffers'
        if cls.startswith(('io/netty/channel/epoll/', 'io/netty/channel/unix/')):
            return 'Netty: epoll transport (Java side)'
        if cls.startswith('io/netty/'):
            return 'Netty: pipeline, promises, event loop'
        return 'other: ' + simple
    return 'JDK (no caller of ours or Netty on the stack)'


def part(frames):
    thread = frames[0]
    stack = frames[1:] if thread.startswith('[') else frames
    if 'Compiler' in thread or 'C1 ' in thread or 'C2 ' in thread:
        return 'JVM: JIT compiler threads'
    if re.search(r'G1|GC|Conc|Refine|Young|Old', thread):
        return 'JVM: GC threads'
    if not stack:
        return 'other'
    leaf = stack[-1]
    if is_kernel(leaf):
        return kernel_part(stack)
    if leaf in SYSCALL_WRAPPERS:
        return 'kernel: ' + SYSCALL_WRAPPERS[leaf]
    # Native code under a netty-tcnative SSL call: BoringSSL (its allocations too).
    for i in range(len(stack) - 1, -1, -1):
        frame = stack[i]
        if is_java(frame):
            if frame.startswith('io/netty/internal/tcnative/SSL.') and not any(is_java(f) for f in stack[i + 1:]):
                if any(CRYPTO.search(f) for f in stack[i + 1:]):
                    return 'BoringSSL: cryptography'
                return 'BoringSSL: TLS protocol, buffers, memory'
            break
    if EXCEPTIONS.search(leaf) or any('fill_in_stack_trace' in f for f in stack[-8:]):
        return 'JVM: exceptions (stack traces)'
    if any(ALLOCATION.search(f) for f in stack[-6:] if not is_java(f)):
        return 'JVM: allocation'
    if not thread.startswith('[pfxkit-'):
        return 'JVM: other threads (' + re.sub(r'[- ]?\d+(-\d+)?$', '', thread.strip('[]').split(' tid=')[0]) + ')'
    if leaf.startswith('jni_') or 'JNIHandle' in leaf or 'ThreadInVMfromNative' in leaf:
        return 'JVM: JNI transitions'
    return java_owner(stack)


def main():
    if len(sys.argv) > 1 and sys.argv[1] in ('-h', '--help'):
        print(__doc__)
        return
    if len(sys.argv) not in (2, 4):
        sys.exit(__doc__)
    parts = Counter()
    total = 0
    with open(sys.argv[1]) as profile:
        for line in profile:
            stack, _, count = line.rstrip('\n').rpartition(' ')
            if not stack:
                continue
            frames = [re.sub(r' tid=\d+', '', f) for f in stack.split(';')]
            parts[part(frames)] += int(count)
            total += int(count)
    if total == 0:
        sys.exit('split.py: no samples in ' + sys.argv[1])
    per_handshake = None
    if len(sys.argv) == 4 and int(sys.argv[2]) > 0:
        per_handshake = 1e6 * float(sys.argv[3]) / int(sys.argv[2])
    groups = Counter()
    for name, count in parts.items():
        groups[name.split(':')[0]] += count
    print(f'\n{total} samples\n')
    print('| part | share of server CPU | us per handshake |')
    print('|---|---:|---:|')
    for group, group_count in groups.most_common():
        us = f'{per_handshake * group_count / total:.0f}' if per_handshake else '-'
        print(f'| **{group}** | **{100 * group_count / total:.1f} %** | **{us}** |')
        for name, count in parts.most_common():
            if name.split(':')[0] != group or ':' not in name:
                continue
            if 100 * count / total < 0.3:
                continue
            us = f'{per_handshake * count / total:.0f}' if per_handshake else '-'
            print(f'| {name.split(":", 1)[1].strip()} | {100 * count / total:.1f} % | {us} |')


if __name__ == '__main__':
    main()
