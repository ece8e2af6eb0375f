#!/usr/bin/env python3
"""Reference vectors and token ids for the MiniLM embedder's tests (reference.json beside this file).

Runs the reference implementation, sentence-transformers, on the model files that
scripts/lib/embedding-model.sh installs, and the Hugging Face `tokenizers` library on the same
tokenizer.json, for the sentences below. Not run by the tests: run it again only to change the
sentences, in a throwaway virtual environment outside the repository:

    python3 -m venv /tmp/refvenv && /tmp/refvenv/bin/pip install sentence-transformers tokenizers
    source scripts/lib/infra.sh && source scripts/lib/embedding-model.sh && seed_install_embedding_model
    HF_HUB_OFFLINE=1 /tmp/refvenv/bin/python Tests/SeedEmbeddingTests/Reference/make_reference.py "$SEED_EMBEDDING_MODEL_DIR"

The model folder holds only model.safetensors, tokenizer.json and config.json, so the script builds
the sentence-transformers pipeline of all-MiniLM-L6-v2 (its modules.json, 1_Pooling and
sentence_bert_config.json say: Transformer with max_seq_length 256, mean pooling, Normalize) itself.
"""

import json
import pathlib
import sys

import sentence_transformers
import tokenizers
import torch
from sentence_transformers import SentenceTransformer, models

LONG = " ".join(
    f"Paragraph {n}: the quarterly report lists revenue, costs, hiring plans and the risks the board discussed."
    for n in range(1, 30)
)

SENTENCES = [
    "",
    "Hello",
    "What are your opening hours on Sunday?",
    "The bakery opens at 7:30 a.m. and closes at 6 p.m., Monday to Saturday.",
    "Refunds are issued within 14 days (minus a $4.99 handling fee) — see section 3.2!",
    "Café crème, naïve façade, Ångström, São Paulo, Dvořák, résumé, ÉCOLE",
    "Ünïcödé àccênts should be stripped: Zürich, Kraków, İstanbul, Øresund",
    "Numbers: 3.14159, 1,000,000, 42nd, 2026-12-03, +33 1 23 45 67 89, 50%",
    "Unknown words: zxqvbnmwrt flibbertigibbet supercalifragilisticexpialidocious pneumonoultramicroscopic",
    "Emoji and symbols 😀🚀 ✓ → ∑ © ™ ¿qué? ¡sí!",
    "中文句子：我们的商店在北京。 日本語も少し。 한국어 문장입니다.",
    "Punctuation---everywhere...!!! (really?) [yes] {no} <maybe> \"quoted\" 'single' `tick` a/b\\c #tag @user ~tilde^ caret|pipe",
    "Tabs\tand\nnewlines\r\nand   multiple    spaces",
    "e-mail: support@example.com, URL: https://www.example.com/path?q=1&r=2",
    "The special tokens [CLS] and [SEP] or [MASK] typed inside the text",
    "The quick brown fox jumps over the lazy dog.",
    "A dog, quick and brown, was jumped over by a fox.",
    "Machine learning models turn sentences into vectors whose distance reflects meaning.",
    "Wir liefern Bestellungen über 50 € kostenlos innerhalb von Deutschland.",
    "x" * 120,
    "antidisestablishmentarianism isn't a word you'll hear every day",
    LONG,
]


def main() -> None:
    model_dir = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else ".")
    transformer = models.Transformer(str(model_dir), max_seq_length=256)
    pooling = models.Pooling(transformer.get_embedding_dimension(), pooling_mode="mean")
    model = SentenceTransformer(modules=[transformer, pooling, models.Normalize()], device="cpu")

    tokenizer = tokenizers.Tokenizer.from_file(str(model_dir / "tokenizer.json"))
    tokenizer.no_padding()
    tokenizer.enable_truncation(max_length=256)
    token_ids = [tokenizer.encode(s).ids for s in SENTENCES]

    # The same ids as the pipeline sentence-transformers runs (its own tokenizer call).
    features = model.tokenize(SENTENCES)
    for i, ids in enumerate(token_ids):
        mask = features["attention_mask"][i].tolist()
        assert features["input_ids"][i].tolist()[: sum(mask)] == ids, f"tokenizers and sentence-transformers disagree on {i}"
    assert len(token_ids[-1]) == 256, "the long text must be truncated"

    with torch.no_grad():
        vectors = model.encode(SENTENCES, batch_size=32, convert_to_numpy=True)

    out = {
        "generator": "Tests/SeedEmbeddingTests/Reference/make_reference.py",
        "model": "all-MiniLM-L6-v2",
        "versions": {
            "sentence-transformers": sentence_transformers.__version__,
            "tokenizers": tokenizers.__version__,
            "torch": torch.__version__,
        },
        "maxSequenceLength": 256,
        "cases": [
            {"text": s, "tokenIDs": ids, "embedding": [round(float(x), 7) for x in v]}
            for s, ids, v in zip(SENTENCES, token_ids, vectors)
        ],
    }
    target = pathlib.Path(__file__).with_name("reference.json")
    target.write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {len(SENTENCES)} cases to {target}")


if __name__ == "__main__":
    main()
