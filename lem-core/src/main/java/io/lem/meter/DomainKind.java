package io.lem.meter;

/** The physical scope of a domain; decides which domains may be summed into a total. */
public enum DomainKind {
    /** A CPU socket (RAPL package-N). Contains its core and uncore. */
    CPU_PACKAGE,
    /** RAPL core (inside a package). Never summed on top of its package. */
    CPU_CORE,
    /** RAPL uncore (inside a package). Never summed on top of its package. */
    CPU_UNCORE,
    /** DRAM attached to a socket. */
    DRAM,
    /** RAPL psys: the whole SoC/platform, contains packages and dram. */
    PSYS,
    /** One GPU. */
    GPU,
    /** A process tree (the engine): a share of the CPU, measured or estimated. */
    PROCESS,
    /**
     * CPU-side power of the whole host from an external exporter, such as Scaphandre's {@code host}: RAPL psys where
     * the platform has it, else packages + DRAM. Contains packages, core, uncore, dram and psys; never GPUs, which
     * add on top.
     */
    HOST_CPU,
    /** Whole-host power from a wall meter (PDU, BMC, smart plug): contains everything, GPUs included. */
    HOST
}
