package dev.drainboard.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.profiles.ProfileFile;

/**
 * Real AWS uses the SDK's default credential chain. Its SSO, assume-role and web-identity links
 * load their service modules by name at run time and fail only then ("the 'sso' service module
 * must be on the class path"), so their presence is checked here, without any network.
 */
class CredentialChainTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "software.amazon.awssdk.services.sso.auth.SsoProfileCredentialsProviderFactory",
        "software.amazon.awssdk.services.sts.internal.StsProfileCredentialsProviderFactory",
        "software.amazon.awssdk.services.sts.internal.StsWebIdentityCredentialsProviderFactory",
    })
    void theChainsOptionalLinksAreOnTheClassPath(String factory) throws Exception {
        assertThat(Class.forName(factory)).isNotNull();
    }

    @Test
    void anSsoProfileGetsAsFarAsLookingForTheLoginToken() {
        ProfileFile config = ProfileFile.builder().type(ProfileFile.Type.CONFIGURATION).content("""
                [profile drainboard-sso]
                sso_session = corp
                sso_account_id = 123456789012
                sso_role_name = DrainboardOperator
                region = eu-west-1
                [sso-session corp]
                sso_region = eu-west-1
                sso_start_url = https://example.invalid/start
                """).build();
        Throwable e = catchThrowable(() -> ProfileCredentialsProvider.builder().profileFile(config)
                .profileName("drainboard-sso").build().resolveCredentials());
        assertThat(e).as("no `aws sso login` token exists here, so resolving must fail").isNotNull();
        assertThat(e).hasMessageContaining("SSO token");
        assertThat(String.valueOf(e.getMessage()) + e.getCause()).doesNotContain("class path");
    }
}
