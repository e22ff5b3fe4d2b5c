package dev.selfcode.doctor;

/**
 * The OpenAI-compatible endpoint as configured ({@code quarkus.langchain4j.openai.*}).
 *
 * @param configured false when the user named neither an endpoint nor a key (the template generator is used)
 */
public record LlmEndpoint(boolean configured, String baseUrl, String apiKey, String model) {

    @Override
    public String toString() {
        return "LlmEndpoint[" + configured + ", " + baseUrl + ", " + model + "]"; // never the key
    }
}
