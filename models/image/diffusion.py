"""SDXL through diffusers: scene backdrops from a prompt, character portraits from a reference.

Weights are loaded from a local path only (a diffusers folder with model_index.json, or a single
.safetensors checkpoint); nothing is downloaded. Character identity uses an IP-Adapter when one
is configured (the character's sheet image is the adapter's reference); without one it falls
back to image-to-image from the sheet, which keeps the palette and silhouette.
torch and diffusers are imported inside this module only, so the illustrator never pays for them.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from models.errors import BackendUnavailable

NEGATIVE = "blurry, distorted, deformed, text, watermark, extra limbs, low quality"


def _device(requested: str) -> str:
    import torch

    if requested != "auto":
        return requested
    return "cuda" if torch.cuda.is_available() else "cpu"


def _snap(size: tuple[int, int]) -> tuple[int, int]:
    """SDXL works on multiples of 8 pixels (the VAE's downsampling)."""
    width, height = size
    return max(8, width // 8 * 8), max(8, height // 8 * 8)


@dataclass
class SDXLOptions:
    steps: int = 30
    guidance: float = 6.0
    strength: float = 0.55  # image-to-image: how far a portrait may move away from the sheet
    ip_adapter_scale: float = 0.6


class SDXLPainter:
    """An SDXL text-to-image pipeline plus its image-to-image twin sharing the same weights."""

    name = "sdxl"

    def __init__(
        self, pipeline: Any, options: SDXLOptions | None = None, weights: str = "in-memory", ip_adapter: bool = False
    ) -> None:
        from diffusers import StableDiffusionXLImg2ImgPipeline

        self.pipeline = pipeline
        # Any: diffusers decorates __call__ (torch.no_grad and a docstring helper), which mypy reads as not callable.
        self.img2img: Any = StableDiffusionXLImg2ImgPipeline(**pipeline.components)
        self.options = options or SDXLOptions()
        self.weights = weights
        self.ip_adapter = ip_adapter

    @property
    def version(self) -> str:
        import diffusers

        return f"diffusers-{diffusers.__version__}:{Path(self.weights).name}"

    @classmethod
    def load(
        cls,
        weights_path: Path | str | None,
        device: str = "auto",
        ip_adapter_path: Path | str | None = None,
        options: SDXLOptions | None = None,
    ) -> SDXLPainter:
        """Load SDXL from a local path; BackendUnavailable naming the path when it is missing."""
        if weights_path is None or str(weights_path) == "":
            raise BackendUnavailable(
                "The sdxl image backend needs SDXL weights: set STUDIO_SDXL_PATH to a local "
                "diffusers folder (with model_index.json) or a .safetensors checkpoint."
            )
        path = Path(weights_path)
        folder = path.is_dir() and (path / "model_index.json").is_file()
        single = path.is_file() and path.suffix in (".safetensors", ".ckpt")
        if not (folder or single):
            raise BackendUnavailable(
                f"SDXL weights not found at {path} (STUDIO_SDXL_PATH): expected a diffusers "
                "folder with model_index.json or a .safetensors checkpoint."
            )
        try:
            import torch
            from diffusers import StableDiffusionXLPipeline
        except ImportError as error:
            raise BackendUnavailable(
                f"The sdxl backend needs torch and diffusers (pip install '.[diffusion]'): {error}"
            ) from error
        target = _device(device)
        dtype = torch.float16 if target == "cuda" else torch.float32
        with warnings.catch_warnings():  # diffusers 0.42 renames torch_dtype to dtype; 0.35 knows only the old name
            warnings.simplefilter("ignore", FutureWarning)
            if folder:
                pipeline = StableDiffusionXLPipeline.from_pretrained(path, torch_dtype=dtype, local_files_only=True)
            else:
                pipeline = StableDiffusionXLPipeline.from_single_file(path, torch_dtype=dtype, local_files_only=True)
        pipeline = pipeline.to(target)
        adapter = False
        if ip_adapter_path:
            adapter_path = Path(ip_adapter_path)
            if not adapter_path.is_file():
                raise BackendUnavailable(f"IP-Adapter weights not found at {adapter_path} (STUDIO_IP_ADAPTER_PATH).")
            pipeline.load_ip_adapter(
                str(adapter_path.parent), subfolder="", weight_name=adapter_path.name, local_files_only=True
            )
            pipeline.set_ip_adapter_scale((options or SDXLOptions()).ip_adapter_scale)
            adapter = True
        return cls(pipeline, options, weights=str(path), ip_adapter=adapter)

    def _generator(self, seed: int) -> Any:
        import torch

        return torch.Generator("cpu").manual_seed(int(seed) % (2**63))

    def backdrop(self, prompt: str, size: tuple[int, int], seed: int) -> np.ndarray:
        """A (H, W, 3) uint8 scene backdrop for `prompt`, the same for the same seed."""
        width, height = _snap(size)
        result = self.pipeline(
            prompt=prompt,
            negative_prompt=NEGATIVE,
            width=width,
            height=height,
            num_inference_steps=self.options.steps,
            guidance_scale=self.options.guidance,
            generator=self._generator(seed),
            output_type="np",
        )
        return _to_uint8(result.images[0])

    def portrait(self, prompt: str, reference: np.ndarray, size: tuple[int, int], seed: int) -> np.ndarray:
        """A character image that keeps the identity of `reference` (the character's sheet image)."""
        from PIL import Image

        width, height = _snap(size)
        image = Image.fromarray(reference).convert("RGB").resize((width, height))
        common = {
            "prompt": prompt,
            "negative_prompt": NEGATIVE,
            "num_inference_steps": self.options.steps,
            "guidance_scale": self.options.guidance,
            "generator": self._generator(seed),
            "output_type": "np",
        }
        if self.ip_adapter:
            result = self.pipeline(ip_adapter_image=image, width=width, height=height, **common)
        else:
            result = self.img2img(image=image, strength=self.options.strength, **common)
        return _to_uint8(result.images[0])


def _to_uint8(image: np.ndarray) -> np.ndarray:
    return (np.clip(image, 0.0, 1.0) * 255).round().astype(np.uint8)
