package io.queuejob.spring.internal.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

import org.springframework.core.io.ClassPathResource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * Serves the dashboard: the page at {@code {path}/} (and {@code {path}/index.html};
 * {@code {path}} redirects there so that the page's relative links work), its scripts and
 * styles under {@code {path}/assets/**}, and the browser libraries it uses from their
 * WebJars under {@code {path}/webjars/{library}/**}. The libraries are served without
 * their version in the address (it is read from the WebJar) and without Boot's own
 * {@code /webjars/**} mapping, so the dashboard does not depend on the application's
 * resource handling, nor change it.
 * <p>
 * A bean of the web auto-configuration, with its {@link #pageRoutes() page routes}, so it
 * is on under the same conditions as the API and protected by the same security filter
 * chain.
 */
public final class Dashboard implements WebMvcConfigurer {

	private static final String LOCATION = "io/queuejob/spring/web/dashboard/";

	/** The npm WebJars the dashboard's scripts import. */
	private static final List<String> WEBJARS = List.of("cytoscape");

	private final String path;

	/**
	 * Create the dashboard.
	 * @param path the base path of the API and dashboard
	 */
	public Dashboard(String path) {
		this.path = path;
	}

	@Override
	public void addResourceHandlers(ResourceHandlerRegistry registry) {
		registry.addResourceHandler(this.path + "/assets/**")
			.addResourceLocations("classpath:/" + LOCATION + "assets/")
			.setCacheControl(CacheControl.noCache());
		for (String webJar : WEBJARS) {
			registry.addResourceHandler(this.path + "/webjars/" + webJar + "/**")
				.addResourceLocations(
						"classpath:/META-INF/resources/webjars/" + webJar + "/" + webJarVersion(webJar) + "/")
				.setCacheControl(CacheControl.maxAge(Duration.ofHours(1)));
		}
	}

	/**
	 * The routes of the page: the page itself, and the base path redirecting to it.
	 * @return the routes
	 */
	public RouterFunction<ServerResponse> pageRoutes() {
		byte[] page = read(new ClassPathResource(LOCATION + "index.html"));
		MediaType html = new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8);
		return RouterFunctions.route()
			.GET(this.path, this::redirectToPage)
			.GET(this.path + "/", (request) -> page(html, page))
			.GET(this.path + "/index.html", (request) -> page(html, page))
			.build();
	}

	private ServerResponse redirectToPage(ServerRequest request) {
		URI page = URI.create(request.requestPath().contextPath().value() + this.path + "/");
		return ServerResponse.status(HttpStatus.FOUND).location(page).build();
	}

	private static ServerResponse page(MediaType html, byte[] page) {
		return ServerResponse.ok().contentType(html).cacheControl(CacheControl.noCache()).body(page);
	}

	static String webJarVersion(String webJar) {
		ClassPathResource pom = new ClassPathResource("META-INF/maven/org.webjars.npm/" + webJar + "/pom.properties");
		Properties properties = new Properties();
		try (InputStream in = pom.getInputStream()) {
			properties.load(in);
		}
		catch (IOException ex) {
			throw new IllegalStateException(
					"The dashboard needs the WebJar org.webjars.npm:" + webJar
							+ " on the classpath (a dependency of the starter); " + pom.getPath() + " cannot be read",
					ex);
		}
		return properties.getProperty("version");
	}

	private static byte[] read(ClassPathResource resource) {
		try {
			return resource.getContentAsByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("The dashboard page " + resource.getPath() + " cannot be read", ex);
		}
	}

}
