/* Builds the task pane into dist/web: taskpane.html + bundle, the icons and the manifest.
   ADDIN_URL (e.g. https://iso.example.gov.vn) replaces https://localhost:3000 in the copied manifest. */
const path = require("path");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");

const DEV_URL = "https://localhost:3000";

module.exports = (env, argv) => {
  const prodUrl = process.env.ADDIN_URL || DEV_URL;
  return {
    mode: argv.mode || "development",
    devtool: argv.mode === "production" ? false : "source-map",
    entry: { taskpane: "./src/taskpane/index.ts" },
    output: { path: path.resolve(__dirname, "dist/web"), filename: "[name].[contenthash].js", clean: true },
    resolve: { extensions: [".ts", ".tsx", ".js"] },
    module: {
      rules: [{ test: /\.tsx?$/, loader: "ts-loader", options: { configFile: "tsconfig.json", transpileOnly: true }, exclude: /node_modules/ }],
    },
    plugins: [
      new HtmlWebpackPlugin({ filename: "taskpane.html", template: "./src/taskpane/taskpane.html", chunks: ["taskpane"] }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*.png", to: "assets/[name][ext]" },
          { from: "manifest.xml", to: "manifest.xml", transform: (content) => content.toString().split(DEV_URL).join(prodUrl) },
        ],
      }),
    ],
    devServer: { port: 3000, static: false, headers: { "Access-Control-Allow-Origin": "*" } },
    performance: { hints: false },
  };
};
