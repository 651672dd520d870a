import{d as s,E as t}from"./ha-vitals-styles-u3EjwBjX.js";const a={fmt:t,t:s};export{a as E};
