/* Builds the task pane into dist/web: taskpane.html + bundle (the .xlsx writer and SheetJS in lazily loaded
   chunks), the icons and the manifest.
   ADDIN_URL (e.g. https://iso.example.gov.vn) replaces https://localhost:3000 in the copied manifest.
   `npm start` serves it at https://localhost:3000 with the Office dev certificates. */
const path = require("path");
const webpack = require("webpack");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");

const DEV_URL = "https://localhost:3000";
/** The oldest JavaScript the pane must run on (EdgeHTML 18 in Office 2016/2019). */
const BROWSER_TARGET = "es2019";

async function httpsOptions() {
  try {
    return await require("office-addin-dev-certs").getHttpsServerOptions();
  } catch (e) {
    // The certificates are made even when trusting the CA fails (no admin rights): use them.
    const fs = require("fs");
    const dir = path.join(require("os").homedir(), ".office-addin-dev-certs");
    const file = (f) => path.join(dir, f);
    if (fs.existsSync(file("localhost.key")) && fs.existsSync(file("localhost.crt"))) {
      console.warn(`Chứng chỉ gốc chưa được tin cậy trên máy này (${e.message.split("\n")[0]}); trình duyệt sẽ hỏi trước khi mở https://localhost:3000.`);
      return { key: fs.readFileSync(file("localhost.key")), cert: fs.readFileSync(file("localhost.crt")), ca: fs.readFileSync(file("ca.crt")) };
    }
    console.warn(`Không tạo được chứng chỉ HTTPS cho localhost (${e.message}); dùng HTTP.`);
    return null;
  }
}

module.exports = async (env, argv) => {
  const production = argv.mode === "production";
  const prodUrl = process.env.ADDIN_URL || DEV_URL;
  const https = !production && env && env.WEBPACK_SERVE ? await httpsOptions() : null;
  return {
    mode: production ? "production" : "development",
    devtool: production ? false : "source-map",
    // The reader runs in a Web Worker (stopped past the time limit); its lazy chunks load with importScripts.
    entry: {
      taskpane: "./src/taskpane/index.tsx",
      reader: { import: "./src/taskpane/reader.worker.ts", filename: "reader.js", chunkLoading: "import-scripts" },
    },
    output: { path: path.resolve(__dirname, "dist/web"), filename: "[name].[contenthash].js", chunkFilename: "[name].[contenthash].js", clean: true },
    resolve: { extensions: [".ts", ".tsx", ".js"] },
    // Office 2016/2019 without WebView2 runs the pane in the old Edge webview (EdgeHTML 18), which
    // parses ES2019 but not `?.`, `??` or BigInt: our code and every library are brought down to it
    // (test/build.test.ts parses each emitted file as ES2019).
    target: ["web", `${BROWSER_TARGET}`],
    module: {
      rules: [
        { test: /\.tsx?$/, loader: "ts-loader", options: { configFile: "tsconfig.json", transpileOnly: true, compilerOptions: { module: "esnext", target: BROWSER_TARGET } }, exclude: /node_modules/ },
        { test: /\.m?js$/, include: /node_modules/, loader: "esbuild-loader", options: { target: BROWSER_TARGET } },
      ],
    },
    plugins: [
      new webpack.DefinePlugin({ READER_WORKER_URL: JSON.stringify(`reader.js?v=${require("./package.json").version}`) }),
      new HtmlWebpackPlugin({ filename: "taskpane.html", template: "./src/taskpane/taskpane.html", chunks: ["taskpane"] }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*.png", to: "assets/[name][ext]" },
          // The manifest's SupportUrl and LearnMoreUrl.
          { from: "assets/help.html", to: "help.html" },
          { from: "manifest.xml", to: "manifest.xml", transform: (content) => content.toString().split(DEV_URL).join(prodUrl) },
        ],
      }),
    ],
    devServer: {
      port: 3000,
      server: https ? { type: "https", options: https } : "http",
      headers: { "Access-Control-Allow-Origin": "*" },
    },
    performance: { hints: false },
  };
};
