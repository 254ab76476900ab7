import Outpost
import Testing

@Suite("WebCrypto")
struct WebCryptoTests {
    @Test func sha256MatchesFIPSVector() {
        #expect(
            WebCrypto.hex(WebCrypto.sha256(Array("abc".utf8)))
                == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test func hmacMatchesRFC4231Case2() {
        let mac = WebCrypto.hmacSHA256(key: Array("Jefe".utf8), data: Array("what do ya want for nothing?".utf8))
        #expect(WebCrypto.hex(mac) == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
    }

    @Test func pbkdf2MatchesRFC7914Vector() throws {
        let key = try WebCrypto.pbkdf2SHA256(
            password: Array("passwd".utf8), salt: Array("salt".utf8), iterations: 1, length: 64)
        #expect(
            WebCrypto.hex(key)
                == "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783"
        )
    }

    @Test func randomValuesAndTimingSafeEqual() {
        #expect(WebCrypto.randomBytes(32).count == 32)
        #expect(WebCrypto.randomBytes(16) != WebCrypto.randomBytes(16))
        #expect(WebCrypto.randomUUID().count == 36)
        #expect(WebCrypto.timingSafeEqual([1, 2, 3], [1, 2, 3]))
        #expect(!WebCrypto.timingSafeEqual([1, 2, 3], [1, 2, 4]))
        #expect(!WebCrypto.timingSafeEqual([1, 2], [1, 2, 3]))
    }
}
