import Glibc

/// The kernel's accept queue of a listening socket: connections waiting for an accept thread
/// (what `ss -l` shows as Recv-Q) and the queue's capacity (Send-Q).
struct ListenQueue: Equatable {
    /// Connections waiting now.
    var waiting: Int
    /// The queue's capacity (the backlog).
    var capacity: Int

    /// Reads the queue of the listening socket `fd` (TCP via `TCP_INFO`, unix via `sock_diag`).
    static func read(fd: Int32) -> ListenQueue? {
        var domain: Int32 = 0
        var length = socklen_t(MemoryLayout<Int32>.size)
        guard getsockopt(fd, SOL_SOCKET, SO_DOMAIN, &domain, &length) == 0 else { return nil }
        return domain == AF_UNIX ? readUnix(fd: fd) : readTCP(fd: fd)
    }

    private static func readTCP(fd: Int32) -> ListenQueue? {
        var info = tcp_info()
        var length = socklen_t(MemoryLayout<tcp_info>.size)
        guard getsockopt(fd, Int32(IPPROTO_TCP), TCP_INFO, &info, &length) == 0 else { return nil }
        // On a listening socket, tcpi_unacked is the accept queue length and tcpi_sacked its limit.
        return ListenQueue(waiting: Int(info.tcpi_unacked), capacity: Int(info.tcpi_sacked))
    }

    /// Asks the kernel over NETLINK_SOCK_DIAG for UNIX_DIAG_RQLEN of the socket's inode.
    private static func readUnix(fd: Int32) -> ListenQueue? {
        var status = stat()
        guard fstat(fd, &status) == 0 else { return nil }
        let netlink = socket(
            AF_NETLINK, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 4 /* NETLINK_SOCK_DIAG */)
        guard netlink >= 0 else { return nil }
        defer { close(netlink) }
        // nlmsghdr (16) + unix_diag_req (24).
        var request = [UInt8](repeating: 0, count: 40)
        func put32(_ value: UInt32, at offset: Int) {
            withUnsafeBytes(of: value.littleEndian) { request.replaceSubrange(offset..<(offset + 4), with: $0) }
        }
        func put16(_ value: UInt16, at offset: Int) {
            withUnsafeBytes(of: value.littleEndian) { request.replaceSubrange(offset..<(offset + 2), with: $0) }
        }
        put32(40, at: 0)  // nlmsg_len
        put16(20, at: 4)  // SOCK_DIAG_BY_FAMILY
        put16(1, at: 6)  // NLM_F_REQUEST
        request[16] = UInt8(AF_UNIX)  // sdiag_family
        put32(1 << 10, at: 20)  // udiag_states: TCP_LISTEN (10)
        put32(UInt32(truncatingIfNeeded: status.st_ino), at: 24)  // udiag_ino
        put32(0x10, at: 28)  // udiag_show: UDIAG_SHOW_RQLEN
        put32(UInt32.max, at: 32)  // udiag_cookie: "any"
        put32(UInt32.max, at: 36)
        guard send(netlink, request, request.count, 0) == request.count else { return nil }
        var reply = [UInt8](repeating: 0, count: 8192)
        let count = recv(netlink, &reply, reply.count, 0)
        // nlmsghdr (16) + unix_diag_msg (16), then rtattrs.
        guard count >= 32 else { return nil }
        func get16(_ offset: Int) -> Int { Int(reply[offset]) | Int(reply[offset + 1]) << 8 }
        func get32(_ offset: Int) -> Int { get16(offset) | get16(offset + 2) << 16 }
        guard get16(4) != 2 /* NLMSG_ERROR */ else { return nil }
        var offset = 32
        while offset + 4 <= count {
            let length = get16(offset)
            let type = get16(offset + 2)
            guard length >= 4 else { break }
            if type == 4 /* UNIX_DIAG_RQLEN */, offset + 12 <= count {
                return ListenQueue(waiting: get32(offset + 4), capacity: get32(offset + 8))
            }
            offset += (length + 3) & ~3
        }
        return nil
    }
}
