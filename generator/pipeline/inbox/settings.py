"""The inbox's settings: ``[bandeja]`` in cddgen.toml."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

from ...config import Settings
from ...errors import ConfigError


@dataclass(frozen=True)
class InboxConfig:
    stability: float = 3.0  # seconds a file's size and time must stay unchanged
    scan_interval: float = 10.0  # seconds between full scans in ``watch``
    polling: str = "auto"  # "auto", "si" or "no"
    max_wait: float = 600.0  # seconds ``process`` waits for files still being copied
    retry: float = 300.0  # seconds before a file returned after an error is tried again

    @classmethod
    def from_settings(cls, settings: Settings) -> "InboxConfig":
        raw: Mapping = settings.raw.get("bandeja", {}) if settings.raw else {}
        config = cls(
            stability=float(raw.get("estabilidad_segundos", cls.stability)),
            scan_interval=float(raw.get("intervalo_escaneo", cls.scan_interval)),
            polling=str(raw.get("sondeo", cls.polling)).strip().lower().replace("í", "i"),
            max_wait=float(raw.get("espera_maxima", cls.max_wait)),
            retry=float(raw.get("reintento_segundos", cls.retry)),
        )
        if config.polling not in ("auto", "si", "no"):
            raise ConfigError(
                f"cddgen.toml: «bandeja.sondeo» vale «{raw.get('sondeo')}».",
                fix='Valores permitidos: "auto", "si", "no".',
            )
        for key, value in (("estabilidad_segundos", config.stability), ("intervalo_escaneo", config.scan_interval),
                           ("espera_maxima", config.max_wait), ("reintento_segundos", config.retry)):
            if value < 0 or (key == "intervalo_escaneo" and value == 0):
                raise ConfigError(f"cddgen.toml: «bandeja.{key}» debe ser un número de segundos mayor que 0.")
        return config


# ---------------------------------------------------------------------------- stability
