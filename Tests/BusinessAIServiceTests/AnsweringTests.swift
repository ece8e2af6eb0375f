@testable import BusinessAIService
import Testing

@Suite("Extractive answers")
struct AnsweringTests {
    @Test("a heading keeps its own line in a chunk and is never glued to the sentence after it")
    func headingsStayApart() {
        let chunker = Chunker(maxCharacters: 600, overlapSentences: 1)
        let chunks = chunker.chunks("Delivery\nWe deliver on Tuesdays. Delivery costs 4.50 euros.\nCakes\nOrder cakes 72 hours ahead.")
        #expect(chunks == ["Delivery\nWe deliver on Tuesdays. Delivery costs 4.50 euros. Cakes\nOrder cakes 72 hours ahead."])
        #expect(chunker.sentences(chunks[0]) == ["Delivery", "We deliver on Tuesdays.", "Delivery costs 4.50 euros.", "Cakes", "Order cakes 72 hours ahead."])
    }

    @Test("the sentence stating the kind of fact asked for wins over one sharing only a word; word forms meet (order, ordered)")
    func factKinds() {
        let chunk = RetrievedChunk(
            text: "Delivery\nWe deliver within 8 kilometres of the shop. Delivery costs 4.50 euros and is free above 40 euros.\n"
                + "Celebration cakes\nCelebration cakes must be ordered at least 72 hours in advance. Orders for delivery close at 8 PM.",
            documentId: "d1", filename: "bakery.txt", similarity: 0.5)
        let price = Answering.extractive(question: "How much do you charge to deliver bread?", chunks: [chunk], maxSentences: 1)
        #expect(price.answer == "Delivery costs 4.50 euros and is free above 40 euros.")
        #expect(price.sources == ["bakery.txt"])
        let ahead = Answering.extractive(question: "How far ahead must I order a birthday cake?", chunks: [chunk], maxSentences: 1)
        #expect(ahead.answer == "Celebration cakes must be ordered at least 72 hours in advance.")
    }

    @Test("a question of an FAQ is never the answer: the sentence after it is")
    func faqQuestionsLead() {
        let chunk = RetrievedChunk(
            text: "What should I bring to my first visit? Please bring a photo ID and your insurance card. What if I need to cancel? Cancel 24 hours ahead.",
            documentId: "d1", filename: "faq.txt", similarity: 0.4)
        let answer = Answering.extractive(question: "What should I bring to my first visit?", chunks: [chunk], maxSentences: 1)
        #expect(answer.answer == "Please bring a photo ID and your insurance card.")
    }
}
