"""The SDXL backend with a tiny seeded pipeline built here (as diffusers' own tests build theirs).

No weights can be downloaded, so the UNet, VAE, both CLIP text encoders and a byte-level CLIP
tokenizer are made from small configs; the code paths (text-to-image backdrops, staging the cast on
the backdrop) are the real ones.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import numpy as np
import pytest
import torch  # the [test] extra installs torch, diffusers and transformers

from models.breakdown import Character, Line, Scene
from models.errors import BackendUnavailable
from models.image.backends import ImageConfig, SDXLBackend, create_backend, scene_prompt
from models.image.diffusion import SDXLOptions, SDXLPainter
from models.image.look import cast_looks


def _byte_vocab() -> dict[str, int]:
    """CLIP's byte-to-unicode alphabet, each symbol alone and word-final, plus the two specials."""
    printable = [*range(ord("!"), ord("~") + 1), *range(ord("¡"), ord("¬") + 1), *range(ord("®"), ord("ÿ") + 1)]
    codes, extra = list(printable), 0
    for byte in range(256):
        if byte not in printable:
            codes.append(256 + extra)
            extra += 1
    symbols = [chr(c) for c in codes]
    vocab = {s: i for i, s in enumerate(symbols)}
    vocab.update({f"{s}</w>": len(symbols) + i for i, s in enumerate(symbols)})
    vocab["<|startoftext|>"], vocab["<|endoftext|>"] = len(vocab), len(vocab) + 1
    return vocab


@cache
def tiny_pipeline(folder: str) -> object:
    from diffusers import AutoencoderKL, EulerDiscreteScheduler, StableDiffusionXLPipeline, UNet2DConditionModel
    from transformers import CLIPTextConfig, CLIPTextModel, CLIPTextModelWithProjection, CLIPTokenizer

    torch.set_num_threads(1)  # tiny models: threads only add contention on a 2-core machine
    vocab = _byte_vocab()
    (Path(folder) / "vocab.json").write_text(json.dumps(vocab))
    (Path(folder) / "merges.txt").write_text("#version: 0.2\n")
    tokenizer = CLIPTokenizer(
        vocab=str(Path(folder) / "vocab.json"), merges=str(Path(folder) / "merges.txt"), model_max_length=77
    )
    torch.manual_seed(0)
    unet = UNet2DConditionModel(
        block_out_channels=(32, 64), layers_per_block=2, sample_size=32, in_channels=4, out_channels=4,
        down_block_types=("DownBlock2D", "CrossAttnDownBlock2D"), up_block_types=("CrossAttnUpBlock2D", "UpBlock2D"),
        attention_head_dim=(2, 4), use_linear_projection=True, addition_embed_type="text_time",
        addition_time_embed_dim=8, transformer_layers_per_block=(1, 2), projection_class_embeddings_input_dim=80,
        cross_attention_dim=64, norm_num_groups=1)  # fmt: skip
    scheduler = EulerDiscreteScheduler(
        beta_start=0.00085, beta_end=0.012, steps_offset=1, beta_schedule="scaled_linear", timestep_spacing="leading"
    )
    torch.manual_seed(0)
    vae = AutoencoderKL(
        block_out_channels=[32, 64],
        in_channels=3,
        out_channels=3,
        down_block_types=["DownEncoderBlock2D"] * 2,
        up_block_types=["UpDecoderBlock2D"] * 2,
        latent_channels=4,
        sample_size=128,
    )
    torch.manual_seed(0)
    config = CLIPTextConfig(
        bos_token_id=vocab["<|startoftext|>"],
        eos_token_id=vocab["<|endoftext|>"],
        hidden_size=32,
        intermediate_size=37,
        layer_norm_eps=1e-05,
        num_attention_heads=4,
        num_hidden_layers=5,
        pad_token_id=1,
        vocab_size=len(vocab),
        hidden_act="gelu",
        projection_dim=32,
    )
    return StableDiffusionXLPipeline(
        vae=vae,
        text_encoder=CLIPTextModel(config),
        text_encoder_2=CLIPTextModelWithProjection(config),
        tokenizer=tokenizer,
        tokenizer_2=tokenizer,
        unet=unet,
        scheduler=scheduler,
    )


@pytest.fixture(scope="module")
def painter(tmp_path_factory: pytest.TempPathFactory) -> SDXLPainter:
    return SDXLPainter(tiny_pipeline(str(tmp_path_factory.mktemp("tokenizer"))), SDXLOptions(steps=2, guidance=5.0))


def test_tokenizer_is_real_byte_level_bpe(painter: SDXLPainter) -> None:
    tokenizer = painter.pipeline.tokenizer
    tokens = tokenizer.convert_ids_to_tokens(tokenizer("a lamp").input_ids)
    assert tokens == ["<|startoftext|>", "a</w>", "l", "a", "m", "p</w>", "<|endoftext|>"]


def test_backdrop_has_the_requested_size_and_is_deterministic(painter: SDXLPainter) -> None:
    first = painter.backdrop("a lighthouse at night, storm", (96, 64), seed=7)
    again = painter.backdrop("a lighthouse at night, storm", (96, 64), seed=7)
    other = painter.backdrop("a lighthouse at night, storm", (96, 64), seed=8)
    assert first.shape == (64, 96, 3) and first.dtype == np.uint8
    assert np.abs(first.astype(int) - again.astype(int)).max() <= 1  # same seed, same picture
    assert np.abs(first.astype(int) - other.astype(int)).mean() > 1.0  # another seed, another picture
    assert first.std() > 0  # not a flat placeholder
    # Sizes snap down to the VAE's multiple of 8.
    assert painter.backdrop("sea", (100, 70), seed=1).shape == (64, 96, 3)


def test_sdxl_backend_stages_the_cast_on_a_generated_backdrop(painter: SDXLPainter) -> None:
    cast = [Character("MAYA", "adult", 34, "female", ""), Character("ELI", "child", 12, "male", "")]
    looks = cast_looks(cast, "western")
    scene = Scene(
        "s01",
        "EXT. COAST - DAWN - RAIN",
        "COAST",
        "dawn",
        False,
        characters=["MAYA", "ELI"],
        lines=[Line("MAYA", "Look, the boat.")],
    )
    backend = SDXLBackend(painter)
    art = backend.draw_scene(scene, looks, (128, 96))
    assert art.frame.shape == (96, 128, 3)
    assert art.archetype == "backdrop" and set(art.actors) == {"MAYA", "ELI"}
    assert backend.version.startswith("diffusers-")
    assert "rain" in scene_prompt(scene, "flat") and "no people" in scene_prompt(scene, "flat")


def test_missing_weights_name_the_path(tmp_path: Path) -> None:
    with pytest.raises(BackendUnavailable, match="STUDIO_SDXL_PATH"):
        SDXLPainter.load(None)
    missing = tmp_path / "sdxl-base"
    with pytest.raises(BackendUnavailable, match=str(missing)):
        create_backend("sdxl", ImageConfig(sdxl_path=str(missing)))
    with pytest.raises(BackendUnavailable, match="available: illustrator, sdxl"):
        create_backend("midjourney")
    assert create_backend().name == "illustrator"


def test_weights_load_from_a_local_diffusers_folder(painter: SDXLPainter, tmp_path: Path) -> None:
    folder = tmp_path / "sdxl"
    painter.pipeline.save_pretrained(folder)
    loaded = SDXLPainter.load(folder, device="auto", options=SDXLOptions(steps=2, guidance=5.0))
    assert loaded.version.endswith(":sdxl")
    expected_device = "cuda" if torch.cuda.is_available() else "cpu"
    assert loaded.pipeline.unet.device.type == expected_device
    if expected_device == "cpu":  # same weights, same seed: the same picture as the in-memory pipeline
        again = loaded.backdrop("a temple at dusk", (64, 64), seed=3)
        assert np.abs(again.astype(int) - painter.backdrop("a temple at dusk", (64, 64), seed=3).astype(int)).max() <= 1
