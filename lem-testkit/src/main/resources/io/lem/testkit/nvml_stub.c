/*
 * A stand-in for libnvidia-ml.so.1: exports the NVML functions lem binds, with the argument types and struct
 * layouts of NVIDIA's nvml.h, answering scripted values. The test loads it through lem's library override and
 * scripts it through the stub_* functions, called via FFM on the same dlopen handle.
 *
 * Build: gcc -shared -fPIC -o libnvidia-ml-stub.so nvml_stub.c
 * Loaded by a process that does not script it (the GPU kit's bundled lem in GpuKitTest), it starts from the
 * stub_reset defaults; with NVML_STUB_LIVE=1 in the environment the energy counter then rises with time at each
 * device's power_mw, so that a log through it has a counter to compare power with.
 * With -DSTUB_LEGACY it models a pre-Volta driver: no energy counter, no field values, no MIG, and the clocks
 * reasons only under their old name nvmlDeviceGetCurrentClocksThrottleReasons.
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include <time.h>

typedef int nvmlReturn_t;
typedef struct stub_device *nvmlDevice_t;

/* Layouts as in nvml.h. */
typedef struct { unsigned long long total, free, used; } nvmlMemory_t;
typedef struct { unsigned int gpu, memory; } nvmlUtilization_t;
typedef union {
    double dVal; unsigned int uiVal; unsigned long ulVal; unsigned long long ullVal;
    long long sllVal; int siVal; unsigned short usVal;
} nvmlValue_t;
typedef struct {
    unsigned int fieldId, scopeId;
    long long timestamp, latencyUsec;
    int valueType;
    nvmlReturn_t nvmlReturn;
    nvmlValue_t value;
} nvmlFieldValue_t;
typedef struct {
    char busIdLegacy[16];
    unsigned int domain, bus, device, pciDeviceId, pciSubSystemId;
    char busId[32];
} nvmlPciInfo_t;

#define MAX_DEVICES 8
#define SUCCESS 0
#define UNINITIALIZED 1
#define INVALID_ARGUMENT 2
#define NOT_SUPPORTED 3
#define NO_PERMISSION 4
#define INSUFFICIENT_SIZE 7
#define FIELD_POWER_INSTANT 186

struct stub_device {
    char name[96], uuid[96], bus_id[32];
    unsigned long long energy_mj, memory_total, memory_used, reasons;
    unsigned int power_mw, limit_mw, default_limit_mw, min_limit_mw, max_limit_mw, util_gpu, util_memory, temperature_c, sm_mhz, mem_mhz;
    int persistence, mig;
    int instant_type;
    double instant_mw;
};

static struct stub_device devices[MAX_DEVICES];
static int device_count;
static int init_count;
static unsigned int last_field_id;

/* Every accepted nvmlDeviceSetPowerManagementLimit, in call order, so a test can check set-then-restore. */
#define MAX_SET_CALLS 64
static struct { int device; unsigned int limit_mw; } set_calls[MAX_SET_CALLS];
static int set_call_count;
/* Mimics the driver's rule: only root may change a power limit (nvidia-smi -pl). Off unless a test scripts it. */
static int require_root;

struct override { char function[64]; int device; int code; };
static struct override overrides[32];
static int override_count;

/* ---- scripting interface (not NVML) ---- */

void stub_reset(void) {
    memset(devices, 0, sizeof devices);
    override_count = 0;
    last_field_id = 0;
    set_call_count = 0;
    require_root = 0;
    device_count = 2;
    for (int i = 0; i < MAX_DEVICES; i++) {
        struct stub_device *d = &devices[i];
        snprintf(d->name, sizeof d->name, "NVIDIA H100 80GB HBM3");
        snprintf(d->uuid, sizeof d->uuid, "GPU-%d1f2e3d4-0000-1111-2222-33334444555%d", i, i);
        snprintf(d->bus_id, sizeof d->bus_id, "00000000:%02X:00.0", 0x19 + i);
        d->energy_mj = 1000000ULL * (i + 1);
        d->power_mw = 250000 + i;
        d->instant_type = 1; /* NVML_VALUE_TYPE_UNSIGNED_INT, as drivers answer POWER_INSTANT */
        d->instant_mw = 310000 + i;
        d->limit_mw = 700000;
        d->default_limit_mw = 700000;
        d->min_limit_mw = 200000; /* H100 SXM: 200-700 W, as nvidia-smi -q -d POWER reports it */
        d->max_limit_mw = 700000;
        d->persistence = 1;
        d->util_gpu = 87;
        d->util_memory = 42;
        d->memory_total = 85520809984ULL;
        d->memory_used = 12345678901ULL;
        d->temperature_c = 55;
        d->sm_mhz = 1980;
        d->mem_mhz = 2619;
        d->reasons = 0x4ULL | (1ULL << 40);
    }
}

static int live;
static struct timespec loaded_at;

__attribute__((constructor)) static void stub_defaults(void) {
    stub_reset();
    const char *value = getenv("NVML_STUB_LIVE");
    live = value != NULL && strcmp(value, "1") == 0;
    clock_gettime(CLOCK_MONOTONIC, &loaded_at);
}

/* The energy counter: the scripted value, plus power_mw times the seconds since load when live. */
__attribute__((unused)) static unsigned long long energy_now(const struct stub_device *d) {
    if (!live) return d->energy_mj;
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    double s = (double) (now.tv_sec - loaded_at.tv_sec) + (now.tv_nsec - loaded_at.tv_nsec) / 1e9;
    return d->energy_mj + (unsigned long long) (s * d->power_mw);
}

void stub_set_device_count(int count) { device_count = count; }
void stub_set_energy_mj(int dev, unsigned long long mj) { devices[dev].energy_mj = mj; }
void stub_set_power_mw(int dev, unsigned int mw) { devices[dev].power_mw = mw; }
void stub_set_instant_power(int dev, int value_type, double mw) {
    devices[dev].instant_type = value_type;
    devices[dev].instant_mw = mw;
}
void stub_set_mig(int dev, int enabled) { devices[dev].mig = enabled; }
void stub_set_persistence(int dev, int enabled) { devices[dev].persistence = enabled; }
void stub_set_utilization(int dev, unsigned int gpu, unsigned int memory) {
    devices[dev].util_gpu = gpu;
    devices[dev].util_memory = memory;
}
void stub_set_memory(int dev, unsigned long long total, unsigned long long used) {
    devices[dev].memory_total = total;
    devices[dev].memory_used = used;
}
void stub_set_limit_constraints(int dev, unsigned int min_mw, unsigned int max_mw) {
    devices[dev].min_limit_mw = min_mw;
    devices[dev].max_limit_mw = max_mw;
}
void stub_set_limit_mw(int dev, unsigned int mw) { devices[dev].limit_mw = mw; }
unsigned int stub_limit_mw(int dev) { return devices[dev].limit_mw; }
void stub_require_root(int enabled) { require_root = enabled; }
int stub_set_call_count(void) { return set_call_count; }
int stub_set_call_device(int i) { return set_calls[i].device; }
unsigned int stub_set_call_limit_mw(int i) { return set_calls[i].limit_mw; }
int stub_init_count(void) { return init_count; }
unsigned int stub_last_field_id(void) { return last_field_id; }
long stub_sizeof(const char *type) {
    if (strcmp(type, "nvmlMemory_t") == 0) return sizeof(nvmlMemory_t);
    if (strcmp(type, "nvmlUtilization_t") == 0) return sizeof(nvmlUtilization_t);
    if (strcmp(type, "nvmlFieldValue_t") == 0) return sizeof(nvmlFieldValue_t);
    if (strcmp(type, "nvmlFieldValue_t.value") == 0) return offsetof(nvmlFieldValue_t, value);
    if (strcmp(type, "nvmlPciInfo_t") == 0) return sizeof(nvmlPciInfo_t);
    if (strcmp(type, "nvmlPciInfo_t.busId") == 0) return offsetof(nvmlPciInfo_t, busId);
    return -1;
}

/* Makes `function` return `code` for device `dev` (-1: every device, and functions without a device). */
void stub_set_return(const char *function, int dev, int code) {
    struct override *o = &overrides[override_count++];
    snprintf(o->function, sizeof o->function, "%s", function);
    o->device = dev;
    o->code = code;
}

static int scripted(const char *function, int dev) {
    for (int i = override_count - 1; i >= 0; i--) {
        if (strcmp(overrides[i].function, function) == 0 && (overrides[i].device < 0 || overrides[i].device == dev)) {
            return overrides[i].code;
        }
    }
    return SUCCESS;
}

static int index_of(nvmlDevice_t device) {
    ptrdiff_t i = device - devices;
    return device != NULL && i >= 0 && i < device_count ? (int) i : -1;
}

/* Common prologue: initialised, valid handle, scripted failure. */
#define DEVICE_CALL(name)                                   \
    int dev = index_of(device);                             \
    if (init_count == 0) return UNINITIALIZED;              \
    if (dev < 0) return INVALID_ARGUMENT;                   \
    int scripted_code = scripted(name, dev);                \
    if (scripted_code != SUCCESS) return scripted_code;     \
    struct stub_device *d = &devices[dev];

/* ---- NVML ---- */

nvmlReturn_t nvmlInit_v2(void) {
    int code = scripted("nvmlInit_v2", -1);
    if (code == SUCCESS) init_count++;
    return code;
}

nvmlReturn_t nvmlShutdown(void) {
    if (init_count == 0) return UNINITIALIZED;
    init_count--;
    return SUCCESS;
}

const char *nvmlErrorString(nvmlReturn_t code) {
    switch (code) {
        case 0: return "Success";
        case 1: return "Uninitialized";
        case 2: return "Invalid Argument";
        case 3: return "Not Supported";
        case 4: return "Insufficient Permissions";
        case 9: return "Driver Not Loaded";
        case 13: return "Function Not Found";
        case 15: return "GPU is lost";
        default: return "Unknown Error";
    }
}

static nvmlReturn_t copy_string(const char *value, char *out, unsigned int length) {
    if (strlen(value) + 1 > length) return INSUFFICIENT_SIZE;
    strcpy(out, value);
    return SUCCESS;
}

nvmlReturn_t nvmlSystemGetDriverVersion(char *version, unsigned int length) {
    if (init_count == 0) return UNINITIALIZED;
    return copy_string("550.54.15", version, length);
}

nvmlReturn_t nvmlSystemGetNVMLVersion(char *version, unsigned int length) {
    if (init_count == 0) return UNINITIALIZED;
    return copy_string("12.550.54.15", version, length);
}

nvmlReturn_t nvmlDeviceGetCount_v2(unsigned int *count) {
    if (init_count == 0) return UNINITIALIZED;
    *count = (unsigned int) device_count;
    return SUCCESS;
}

nvmlReturn_t nvmlDeviceGetHandleByIndex_v2(unsigned int index, nvmlDevice_t *device) {
    if (init_count == 0) return UNINITIALIZED;
    if (index >= (unsigned int) device_count) return INVALID_ARGUMENT;
    *device = &devices[index];
    return SUCCESS;
}

nvmlReturn_t nvmlDeviceGetName(nvmlDevice_t device, char *name, unsigned int length) {
    DEVICE_CALL("nvmlDeviceGetName")
    return copy_string(d->name, name, length);
}

nvmlReturn_t nvmlDeviceGetUUID(nvmlDevice_t device, char *uuid, unsigned int length) {
    DEVICE_CALL("nvmlDeviceGetUUID")
    return copy_string(d->uuid, uuid, length);
}

nvmlReturn_t nvmlDeviceGetPciInfo_v3(nvmlDevice_t device, nvmlPciInfo_t *pci) {
    DEVICE_CALL("nvmlDeviceGetPciInfo_v3")
    memset(pci, 0, sizeof *pci);
    snprintf(pci->busIdLegacy, sizeof pci->busIdLegacy, "LEGACY:%02X", dev);
    pci->domain = 0;
    pci->bus = 0x19 + dev;
    pci->pciDeviceId = 0x233010de;
    pci->pciSubSystemId = 0x16c110de;
    snprintf(pci->busId, sizeof pci->busId, "%s", d->bus_id);
    return SUCCESS;
}

nvmlReturn_t nvmlDeviceGetPowerUsage(nvmlDevice_t device, unsigned int *power) {
    DEVICE_CALL("nvmlDeviceGetPowerUsage")
    *power = d->power_mw;
    return SUCCESS;
}

nvmlReturn_t nvmlDeviceGetPowerManagementLimit(nvmlDevice_t device, unsigned int *limit) {
    DEVICE_CALL("nvmlDeviceGetPowerManagementLimit")
    *limit = d->limit_mw;
    return SUCCESS;
}

nvmlReturn_t nvmlDeviceGetPowerManagementDefaultLimit(nvmlDevice_t device, unsigned int *limit) {
    DEVICE_CALL("nvmlDeviceGetPowerManagementDefaultLimit")
    *limit = d->default_limit_mw;
    return SUCCESS;
}

nvmlReturn_t nvmlDeviceGetPowerManagementLimitConstraints(nvmlDevice_t device, unsigned int *minLimit,
                                                         unsigned int *maxLimit) {
    DEVICE_CALL("nvmlDeviceGetPowerManagementLimitConstraints")
    *minLimit = d->min_limit_mw;
    *maxLimit = d->max_limit_mw;
    return SUCCESS;
}

/* nvml.h: "limit: power management limit in milliwatts to set"; out of the constraints: INVALID_ARGUMENT. */
nvmlReturn_t nvmlDeviceSetPowerManagementLimit(nvmlDevice_t device, unsigned int limit) {
    DEVICE_CALL("nvmlDeviceSetPowerManagementLimit")
    if (require_root) return NO_PERMISSION;
    if (limit < d->min_limit_mw || limit > d->max_limit_mw) return INVALID_ARGUMENT;
    d->limit_mw = limit;
    if (set_call_count < MAX_SET_CALLS) {
        set_calls[set_call_count].device = dev;
        set_calls[set_call_count].limit_mw = limit;
        set_call_count++;
    }
    return SUCCESS;
}

nvmlReturn_t nvmlDeviceGetPersistenceMode(nvmlDevice_t device, int *mode) {
    DEVICE_CALL("nvmlDeviceGetPersistenceMode")
    *mode = d->persistence;
    return SUCCESS;
}

nvmlReturn_t nvmlDeviceGetUtilizationRates(nvmlDevice_t device, nvmlUtilization_t *utilization) {
    DEVICE_CALL("nvmlDeviceGetUtilizationRates")
    utilization->gpu = d->util_gpu;
    utilization->memory = d->util_memory;
    return SUCCESS;
}

nvmlReturn_t nvmlDeviceGetMemoryInfo(nvmlDevice_t device, nvmlMemory_t *memory) {
    DEVICE_CALL("nvmlDeviceGetMemoryInfo")
    memory->total = d->memory_total;
    memory->used = d->memory_used;
    memory->free = d->memory_total > d->memory_used ? d->memory_total - d->memory_used : 0;
    return SUCCESS;
}

nvmlReturn_t nvmlDeviceGetTemperature(nvmlDevice_t device, int sensor, unsigned int *temperature) {
    DEVICE_CALL("nvmlDeviceGetTemperature")
    if (sensor != 0) return INVALID_ARGUMENT;
    *temperature = d->temperature_c;
    return SUCCESS;
}

nvmlReturn_t nvmlDeviceGetClockInfo(nvmlDevice_t device, int type, unsigned int *clock) {
    DEVICE_CALL("nvmlDeviceGetClockInfo")
    if (type == 1) *clock = d->sm_mhz;
    else if (type == 2) *clock = d->mem_mhz;
    else return INVALID_ARGUMENT;
    return SUCCESS;
}

#ifndef STUB_LEGACY
nvmlReturn_t nvmlDeviceGetTotalEnergyConsumption(nvmlDevice_t device, unsigned long long *energy) {
    DEVICE_CALL("nvmlDeviceGetTotalEnergyConsumption")
    *energy = energy_now(d);
    return SUCCESS;
}

nvmlReturn_t nvmlDeviceGetFieldValues(nvmlDevice_t device, int count, nvmlFieldValue_t *values) {
    DEVICE_CALL("nvmlDeviceGetFieldValues")
    for (int i = 0; i < count; i++) {
        nvmlFieldValue_t *v = &values[i];
        last_field_id = v->fieldId;
        /* Distinct neighbours: a reader at a wrong offset gets one of these, not the power. */
        v->timestamp = 1700000000123456LL;
        v->latencyUsec = 777;
        v->value.ullVal = 0;
        if (v->fieldId != FIELD_POWER_INSTANT) {
            v->nvmlReturn = NOT_SUPPORTED;
            continue;
        }
        v->nvmlReturn = scripted("NVML_FI_DEV_POWER_INSTANT", dev);
        v->valueType = d->instant_type;
        switch (d->instant_type) {
            case 0: v->value.dVal = d->instant_mw; break;
            case 1: v->value.uiVal = (unsigned int) d->instant_mw; break;
            case 2: v->value.ulVal = (unsigned long) d->instant_mw; break;
            case 3: v->value.ullVal = (unsigned long long) d->instant_mw; break;
            case 4: v->value.sllVal = (long long) d->instant_mw; break;
            case 5: v->value.siVal = (int) d->instant_mw; break;
            default: v->value.usVal = (unsigned short) d->instant_mw; break;
        }
    }
    return SUCCESS;
}

nvmlReturn_t nvmlDeviceGetMigMode(nvmlDevice_t device, unsigned int *current, unsigned int *pending) {
    DEVICE_CALL("nvmlDeviceGetMigMode")
    *current = (unsigned int) d->mig;
    *pending = (unsigned int) d->mig;
    return SUCCESS;
}

nvmlReturn_t nvmlDeviceGetCurrentClocksEventReasons(nvmlDevice_t device, unsigned long long *reasons) {
    DEVICE_CALL("nvmlDeviceGetCurrentClocksEventReasons")
    *reasons = d->reasons;
    return SUCCESS;
}
#endif

/* Deprecated name, still exported by current drivers; the only one before driver 535. */
nvmlReturn_t nvmlDeviceGetCurrentClocksThrottleReasons(nvmlDevice_t device, unsigned long long *reasons) {
    DEVICE_CALL("nvmlDeviceGetCurrentClocksThrottleReasons")
    *reasons = d->reasons;
    return SUCCESS;
}
