@testable import GatewayService
import SeedContracts
import SeedRuntime
import Testing

@Suite("Documents streaming in the gateway")
struct DocumentsStreamingTests {
    static let body = Array((
        "--XyZ\r\nContent-Disposition: form-data; name=\"fieldName\"\r\n\r\nbrand_guide\r\n"
        + "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"guide.txt\"\r\nContent-Type: text/plain\r\n\r\n"
        + "line one\r\n--XyZ is not a boundary here\r\nline two\r\n--XyZ--\r\n").utf8)

    /// Feeds `bytes` in pieces of `size` and gathers the events.
    static func parse(_ bytes: [UInt8], pieces size: Int) throws -> (fields: [String: String], file: [UInt8], complete: Bool) {
        var parser = MultipartStream(boundary: "XyZ")
        var fields: [String: String] = [:], file: [UInt8] = [], current: String?, value: [UInt8] = [], inFile = false
        var offset = 0
        while offset < bytes.count {
            let end = min(bytes.count, offset + size)
            for event in try parser.feed(bytes[offset..<end]) {
                switch event {
                case .part(let headers):
                    let disposition = headers["content-disposition"] ?? ""
                    inFile = StreamedUpload.parameter("filename", in: disposition) != nil
                    current = StreamedUpload.parameter("name", in: disposition)
                    value = []
                case .data(let data): if inFile { file += data } else { value += data }
                case .partEnd: if !inFile, let current { fields[current] = String(decoding: value, as: UTF8.self) }
                }
            }
            offset = end
        }
        return (fields, file, parser.isComplete)
    }

    @Test("a multipart body gives the same fields and file bytes however it is split")
    func multipartInPieces() throws {
        for size in [1, 2, 3, 7, 64, Self.body.count] {
            let parsed = try Self.parse(Self.body, pieces: size)
            #expect(parsed.fields == ["fieldName": "brand_guide"])
            #expect(String(decoding: parsed.file, as: UTF8.self) == "line one\r\n--XyZ is not a boundary here\r\nline two")
            #expect(parsed.complete)
        }
    }

    @Test("a truncated multipart body is incomplete and a malformed one is a typed error")
    func truncatedAndMalformed() throws {
        let truncated = try Self.parse(Array(Self.body.prefix(Self.body.count - 12)), pieces: 5)
        #expect(!truncated.complete)
        var parser = MultipartStream(boundary: "XyZ")
        let error = #expect(throws: ContractError.self) { _ = try parser.feed(Array("--XyZ\r\nno colon here\r\n\r\n".utf8)) }
        #expect(error?.details["field"] == "body")
    }

    @Test("ranges: a prefix, a suffix, an open end, and ranges outside the file")
    func ranges() {
        #expect(DocumentsRoutes.byteRange("bytes=0-9", size: 100)! == (0, 9))
        #expect(DocumentsRoutes.byteRange("bytes=-10", size: 100)! == (90, 99))
        #expect(DocumentsRoutes.byteRange("bytes=95-", size: 100)! == (95, 99))
        #expect(DocumentsRoutes.byteRange("bytes=90-200", size: 100)! == (90, 99))
        #expect(DocumentsRoutes.byteRange("bytes=100-", size: 100) == nil)
        #expect(DocumentsRoutes.byteRange("bytes=5-2", size: 100) == nil)
        #expect(DocumentsRoutes.byteRange("bytes=0-1,4-5", size: 100) == nil)
        #expect(DocumentsRoutes.byteRange("items=0-1", size: 100) == nil)
    }

    @Test("only the upload routes skip the gateway's body limit")
    func uploadPaths() {
        #expect(RequestSizeLimitExceptUploads<SeedRequestContext>.isUpload("/api/v1/documents"))
        #expect(RequestSizeLimitExceptUploads<SeedRequestContext>.isUpload("/api/v1/documents/665f30009b1d4a0012ab0001/versions"))
        #expect(!RequestSizeLimitExceptUploads<SeedRequestContext>.isUpload("/api/v1/documents/665f30009b1d4a0012ab0001/review"))
        #expect(!RequestSizeLimitExceptUploads<SeedRequestContext>.isUpload("/api/v1/conversations"))
    }

    @Test("download names are safe in Content-Disposition")
    func disposition() {
        let file = DownloadV1(versionId: "v", fileName: "Résumé \"final\".pdf", mimeType: "application/pdf", size: 1, checksum: "c", thumbnail: false)
        #expect(DocumentsRoutes.disposition(file) == "attachment; filename=\"R_sum_ _final_.pdf\"; filename*=UTF-8''R%C3%A9sum%C3%A9%20%22final%22.pdf")
    }
}
