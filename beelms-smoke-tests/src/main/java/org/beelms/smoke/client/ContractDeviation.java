package org.beelms.smoke.client;

import java.util.List;
import java.util.Set;

/** A success status the configuration accepts but the checklist does not name: the check passed, the report lists it. */
public record ContractDeviation(List<String> checklistIds, String operation, String request, int status,
                                Set<Integer> contract, String note) {

    public String describe() {
        return operation + ": " + request + " answered " + (status > 0 ? String.valueOf(status) : "")
                + (contract.isEmpty() ? "" : " (checklist: " + contract + ")") + (note == null ? "" : " – " + note);
    }
}
