package org.beelms.smoke.regression;

import java.util.List;
import java.util.Optional;

/**
 * What the regression tier adds to a run's result: contract conformance (whether a spec was given, how many responses
 * were validated — matched to an operation of the spec —, how many matched none, the deviations), observations
 * (security headers, CORS) and the parallel-user smoke's figures.
 */
public record RegressionRecord(String spec, long validatedResponses, List<ContractViolation> contractViolations,
                               List<Observation> observations, LoadReport load, long unmatchedResponses) {

    public static final RegressionRecord EMPTY = new RegressionRecord(null, 0, List.of(), List.of(), null, 0);

    public RegressionRecord(String spec, long validatedResponses, List<ContractViolation> contractViolations,
                            List<Observation> observations, LoadReport load) {
        this(spec, validatedResponses, contractViolations, observations, load, 0);
    }

    public RegressionRecord {
        contractViolations = List.copyOf(contractViolations);
        observations = List.copyOf(observations);
    }

    public Optional<String> specChecked() {
        return Optional.ofNullable(spec);
    }

    public Optional<LoadReport> loadReport() {
        return Optional.ofNullable(load);
    }

    public boolean isEmpty() {
        return spec == null && observations.isEmpty() && load == null && contractViolations.isEmpty();
    }
}
